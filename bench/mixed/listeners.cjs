// The listening side of bench/mixed/run.sh: N socket.io-client websocket
// clients (the official client, as staff phones run it) that stay connected
// while the load runs and count what they receive. Prints `ready {...}` once
// all are connected, then, after --seconds or on SIGTERM, one JSON line: connected,
// failed, disconnects (unplanned, while listening) with their reasons,
// events received.
//
//   CLIENT_MODULES=.../node_modules node listeners.cjs --url URL --token JWT --clients 500 --seconds 60
"use strict";
const path = require("path");
const { io } = require(path.join(process.env.CLIENT_MODULES, "socket.io-client"));

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const url = arg("url");
const token = arg("token");
const clients = Number(arg("clients", "500"));
const seconds = Number(arg("seconds", "60"));

let connected = 0;
let failed = 0;
let disconnects = 0;
let events = 0;
const reasons = {}; // disconnect reason -> count
let listening = false;
const sockets = [];

function open() {
  return new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, timeout: 60000 });
    socket.on("connect", () => { connected += 1; resolve(); });
    socket.on("connect_error", () => { failed += 1; resolve(); });
    socket.on("disconnect", (reason) => {
      if (!listening) return;
      disconnects += 1;
      reasons[reason] = (reasons[reason] || 0) + 1;
    });
    socket.onAny(() => { events += 1; });
    sockets.push(socket);
  });
}

(async () => {
  for (let i = 0; i < clients; i += 100)
    await Promise.all(Array.from({ length: Math.min(100, clients - i) }, open));
  listening = true;
  console.log(`ready ${JSON.stringify({ connected, failed })}`);
  setTimeout(finish, seconds * 1000);
})();

// At --seconds, or earlier on SIGTERM (run.sh sends it when the load is done).
function finish() {
  listening = false;
  for (const socket of sockets) socket.disconnect();
  console.log(JSON.stringify({ clients, connected, failed, disconnects, reasons, events }));
  process.exit(0);
}
process.on("SIGTERM", finish);
