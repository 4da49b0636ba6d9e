// Peer comparison for benches/http_invoke.sh and benches/io_invoke.sh: a Node `node:http`
// server that runs the same lambda in a fresh `vm` context per request (with a timeout), as a
// Node-based FaaS with per-call isolation would. Prints "listening on PORT".
//
// With BACKEND_URL set, the lambda is the I/O one: it GETs that URL and answers the parsed
// JSON, through `httpJson`, an HTTP client over one keep-alive agent for the whole server (the
// way a Node FaaS would hand its lambdas an HTTP client).
"use strict";
const http = require("node:http");
const vm = require("node:vm");

const backend = process.env.BACKEND_URL;
const code = backend
  ? "async function lambda(input, callback) { try { callback(null, await httpJson(BACKEND_URL)); } catch (e) { callback(e); } }"
  : "function lambda(input, callback) { callback(null, { hello: input.payload.name }); }";
const script = new vm.Script(code + "\nlambda(input, callback);");
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function httpJson(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch (e) {
            reject(e);
          }
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    let input;
    try {
      input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch (e) {
      res.writeHead(400).end();
      return;
    }
    const context = vm.createContext({
      input,
      httpJson,
      BACKEND_URL: backend,
      callback: (err, result) => {
        const body = JSON.stringify(err ? { errorMsg: String(err) } : result);
        res.writeHead(err ? 901 : 200, { "content-type": "application/json" }).end(body);
      },
    });
    try {
      script.runInContext(context, { timeout: 30000 });
    } catch (e) {
      res.writeHead(901).end(JSON.stringify({ errorMsg: String(e) }));
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening on ${server.address().port}`));
