// Baseline registries for "npm audit against Vigil is no slower than 1.5x npm's own time".
//   node stub-registry.js PORT            a registry that knows nothing: the bulk audit answers {} and every
//                                         other request 404 (npm then skips its report work entirely)
//   node stub-registry.js PORT VIGIL_URL  an instant registry with Vigil's answers: the first bulk request of
//                                         each body is forwarded to Vigil and its answer kept; later ones are
//                                         answered from memory, packuments 404 as Vigil answers without an
//                                         upstream. npm then does the same report work as against Vigil, so
//                                         the difference is the time Vigil itself takes.
const http = require("http");
const port = Number(process.argv[2]);
const vigil = process.argv[3] ? new URL(process.argv[3]) : null;
const answers = new Map();

function forward(req, body, done) {
  const headers = { ...req.headers, host: vigil.host, "content-length": body.length };
  delete headers["accept-encoding"]; // keep the answer plain: it is stored and replayed as is
  const upstream = http.request({ host: vigil.hostname, port: vigil.port, path: req.url, method: "POST", headers }, (res) => {
    const chunks = [];
    res.on("data", (c) => chunks.push(c));
    res.on("end", () => done(res.statusCode, Buffer.concat(chunks)));
  });
  upstream.end(body);
}

http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    if (req.method === "POST" && req.url.startsWith("/-/npm/v1/security/advisories/bulk")) {
      const reply = (status, answer) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(answer);
      };
      if (!vigil) return reply(200, "{}");
      const key = body.toString("base64");
      if (answers.has(key)) return reply(200, answers.get(key));
      forward(req, body, (status, answer) => {
        if (status === 200) answers.set(key, answer);
        reply(status, answer);
      });
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"error":"Not found"}');
    }
  });
}).listen(port, "127.0.0.1");
