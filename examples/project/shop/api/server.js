// Fixture for docklint's project view: a server that answers its health check.
require("node:http").createServer((req, res) => res.end(req.url === "/healthz" ? "ok" : "shop")).listen(8080);
