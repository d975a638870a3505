// A registry that knows nothing: the bulk audit answers {} and every other request 404.
// The baseline for "npm audit against Vigil is no slower than 1.5x npm's own time".
const http = require("http");
const port = Number(process.argv[2]);
http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.method === "POST" && req.url.startsWith("/-/npm/v1/security/advisories/bulk")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"error":"Not found"}');
    }
  });
}).listen(port, "127.0.0.1");
