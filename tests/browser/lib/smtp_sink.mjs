// A real SMTP server for browser tests, on 127.0.0.1 and a free port (the Node twin of
// tests/api/smtp.rs): it speaks enough SMTP for lettre without TLS or AUTH, and records every
// message it accepts.

import net from 'node:net';

/** Starts the sink; resolves to { port, mails, stop() }, each mail { from, to, data }. */
export async function startSmtpSink() {
  const mails = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => { /* the client went away */ });
    socket.setEncoding('utf8');
    const reply = (text) => socket.write(`${text}\r\n`);
    let buffer = '';
    let mail = null;
    let inData = false;
    const onLine = (line) => {
      if (inData) {
        if (line === '.') {
          inData = false;
          mails.push(mail);
          reply(`250 2.0.0 Ok: queued as ${mails.length}`);
        } else {
          mail.data += `${line.startsWith('.') ? line.slice(1) : line}\r\n`;
        }
        return;
      }
      const command = line.toUpperCase();
      if (command.startsWith('EHLO')) reply('250-sink.test\r\n250 8BITMIME');
      else if (command.startsWith('HELO')) reply('250 sink.test');
      else if (command.startsWith('MAIL FROM:')) {
        mail = { from: address(line), to: [], data: '' };
        reply('250 2.1.0 Ok');
      } else if (command.startsWith('RCPT TO:')) {
        mail?.to.push(address(line));
        reply('250 2.1.5 Ok');
      } else if (command === 'DATA') {
        inData = true;
        reply('354 End data with <CR><LF>.<CR><LF>');
      } else if (command === 'RSET' || command === 'NOOP') reply('250 2.0.0 Ok');
      else if (command === 'QUIT') {
        reply('221 2.0.0 Bye');
        socket.end();
      } else reply('502 5.5.2 Command not recognized');
    };
    socket.on('data', (chunk) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        onLine(line);
      }
    });
    reply('220 sink.test ESMTP browser test sink');
  });
  await listen(server);
  return {
    port: server.address().port,
    mails,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (connecting is refused: an SMTP server that is down). */
export async function deadPort() {
  const server = net.createServer();
  await listen(server);
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
}

function address(line) {
  const m = line.match(/<([^>]*)>/);
  return m ? m[1] : line.slice(line.indexOf(':') + 1).trim();
}
