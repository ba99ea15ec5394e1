// The reference for the fan-out benchmark: the official Socket.IO v4 server
// (npm `socket.io`, pinned in package-lock.json) doing what the realtime
// plugin does for `suite:created`, so that the same fanout.cjs clients can
// connect to either and the servers' CPU per delivered event compares.
//
//   node server.cjs --port PORT --secret JWT_SECRET
//
// Same settings as the plugin's defaults: pingInterval 25 s, pingTimeout
// 20 s, maxPayload 1 MB, websocket and polling, connection state recovery
// for 2 minutes (so every broadcast carries its offset, as the plugin's do),
// no compression.
// Handshake: the client's `auth.token` must be an HS256 JWT signed with the
// secret and not expired (HMAC-SHA256 over header.payload compared in
// constant time, then the claims parsed and `exp` checked), which is what
// the host's auth plugin does for a token; a bad one gets CONNECT_ERROR.
// Trigger: POST /bench/suites with `Authorization: Bearer <token>` and a JSON
// body `{"number", "floor"}` builds a suite of the API's shape (the fields
// and defaults of POST /api/suites, without a database) and emits it as
// `suite:created` to every socket of `/`; answers 201 with the suite.
"use strict";
const crypto = require("crypto");
const http = require("http");
const { Server } = require("socket.io");

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const port = Number(arg("port", "3000"));
const secret = arg("secret");
if (!secret) {
  console.error("--secret is required");
  process.exit(2);
}

// The token's claims, or null when it is not a valid, unexpired HS256 JWT.
function verifyToken(token) {
  if (typeof token !== "string") return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const expected = crypto.createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString());
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString());
    if (header.alg !== "HS256") return null;
    if (typeof claims.exp !== "number" || claims.exp * 1000 <= Date.now()) return null;
    return claims;
  } catch {
    return null;
  }
}

let nextId = 1;
function suiteOf(input) {
  const at = new Date().toISOString();
  return {
    id: nextId++,
    number: String(input.number),
    name: null,
    floor: Number(input.floor),
    type: "standard",
    occupancy: "vacant",
    condition: "clean",
    serviceState: "in_service",
    notes: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

function answer(res, status, body) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

const httpServer = http.createServer();
const io = new Server(httpServer, {
  pingInterval: 25000,
  pingTimeout: 20000,
  maxHttpBufferSize: 1e6,
  transports: ["polling", "websocket"],
  connectionStateRecovery: { maxDisconnectionDuration: 120000 },
});

io.use((socket, next) => {
  const claims = verifyToken(socket.handshake.auth && socket.handshake.auth.token);
  if (!claims) return next(new Error("Unauthorized"));
  socket.data.userId = claims.sub;
  next();
});

// socket.io answers its own path; everything else comes here.
httpServer.on("request", (req, res) => {
  if (req.url.startsWith("/socket.io/")) return;
  if (req.method !== "POST" || req.url !== "/bench/suites") return answer(res, 404, { message: "Not Found" });
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  if (!verifyToken(token)) return answer(res, 401, { message: "Unauthorized" });
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    let input;
    try {
      input = JSON.parse(body);
    } catch {
      return answer(res, 400, { message: "Bad JSON" });
    }
    const suite = suiteOf(input);
    io.emit("suite:created", suite);
    answer(res, 201, suite);
  });
});

httpServer.listen(port, "127.0.0.1", () => console.log(`listening on 127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => io.close(() => process.exit(0)));
