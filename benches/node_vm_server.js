// Peer comparison for benches/http_invoke.sh: a Node `node:http` server that runs the same
// hello-world lambda in a fresh `vm` context per request (with a timeout), as a
// Node-based FaaS with per-call isolation would. Prints "listening on PORT".
"use strict";
const http = require("node:http");
const vm = require("node:vm");

const code = "function lambda(input, callback) { callback(null, { hello: input.payload.name }); }";
const script = new vm.Script(code + "\nlambda(input, callback);");

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
