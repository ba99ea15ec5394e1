// Fan-out benchmark of a Socket.IO server: N socket.io-client websocket
// clients (spread over worker processes), M `suite:created` events, delivery
// latency from the trigger to each client's handler, delivered/expected, the
// server's threads and RSS (/proc/<pid>/status) before and after connecting,
// and the server's CPU time (utime + stime of /proc/<pid>/stat, all its
// threads) over the event phase, per delivered event.
//
// The trigger of an event: with `--server motel` a suite creation through
// the REST API (POST /api/suites: authentication, a database commit, then
// the broadcast); with `--server node` a POST /bench/suites to the reference
// server in node-reference/ (authentication, then the broadcast of a suite
// of the same shape). Events leave on a fixed schedule, one per interval.
//
//   node fanout.cjs --url http://127.0.0.1:PORT --token JWT --host-pid PID \
//                   --clients 1000 --events 20 [--workers 2] [--interval-ms 100] \
//                   [--server motel|node] [--phase-file FILE]
// --phase-file: written "events" (then 1 s to let a profiler attach) before
// the first event and "done" after the last straggler.
"use strict";
const { fork } = require("child_process");
const fs = require("fs");
const path = require("path");

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const now = () => performance.timeOrigin + performance.now();

if (process.argv[2] === "--worker") {
  runWorker();
} else {
  runMain().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

function runWorker() {
  const { io } = require(path.join(process.env.CLIENT_MODULES, "socket.io-client"));
  const [url, token, count] = [process.argv[3], process.argv[4], Number(process.argv[5])];
  const received = new Map(); // suite number -> receive times
  const sockets = [];
  let connected = 0;
  let failed = 0;
  let payloadBytes = 0;
  const batch = 100;
  const open = (i) => new Promise((resolve) => {
    const socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, timeout: 60000 });
    socket.on("connect", () => { connected += 1; resolve(); });
    socket.on("connect_error", () => { failed += 1; resolve(); });
    socket.on("suite:created", (suite) => {
      const t = now();
      if (!payloadBytes) payloadBytes = JSON.stringify(suite).length;
      if (!received.has(suite.number)) received.set(suite.number, []);
      received.get(suite.number).push(t);
    });
    sockets.push(socket);
  });
  (async () => {
    for (let i = 0; i < count; i += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, k) => open(i + k)));
      if ((i + batch) % 1000 === 0) process.stderr.write(`worker ${process.pid}: ${connected} connected, ${failed} failed\n`);
    }
    process.send({ type: "ready", connected, failed });
  })();
  process.on("message", (message) => {
    if (message.type !== "report") return;
    const latencies = [];
    let delivered = 0;
    for (const [number, sentAt] of Object.entries(message.sentAt)) {
      for (const t of received.get(number) || []) {
        latencies.push(Math.round((t - sentAt) * 10) / 10);
        delivered += 1;
      }
    }
    for (const socket of sockets) socket.disconnect();
    // Exit only once the (large) report has left: exiting earlier drops it.
    process.send({ type: "report", latencies, delivered, payloadBytes }, () => process.exit(0));
  });
}

function hostStatus(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) => Number((status.match(new RegExp(`^${name}:\\s+(\\d+)`, "m")) || [0, 0])[1]);
  return { threads: field("Threads"), rssKiB: field("VmRSS") };
}

// CPU seconds (user + system, every thread) the process has used so far.
const clockTicks = Number(require("child_process").execSync("getconf CLK_TCK").toString()) || 100;
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
  return (Number(fields[11]) + Number(fields[12])) / clockTicks; // utime (14), stime (15)
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runMain() {
  const url = arg("url");
  const token = arg("token");
  const hostPid = Number(arg("host-pid"));
  const clients = Number(arg("clients", "1000"));
  const events = Number(arg("events", "20"));
  const workers = Number(arg("workers", "2"));
  const intervalMs = Number(arg("interval-ms", "100"));
  const server = arg("server", "motel");
  if (server !== "motel" && server !== "node") throw new Error(`--server is motel or node, not ${server}`);
  const triggerPath = server === "motel" ? "/api/suites" : "/bench/suites";

  const before = hostStatus(hostPid);
  const connectStarted = now();
  const children = [];
  const ready = [];
  for (let w = 0; w < workers; w += 1) {
    const share = Math.floor(clients / workers) + (w < clients % workers ? 1 : 0);
    const child = fork(__filename, ["--worker", url, token, String(share)], { env: process.env });
    children.push(child);
    ready.push(new Promise((resolve, reject) => {
      child.on("message", (m) => m.type === "ready" && resolve(m));
      child.on("exit", (code) => reject(new Error(`client worker exited early (code ${code})`)));
    }));
  }
  const states = await Promise.all(ready);
  const connected = states.reduce((n, s) => n + s.connected, 0);
  const connectSeconds = (now() - connectStarted) / 1000;
  process.stderr.write(`all ${connected} connected in ${connectSeconds.toFixed(1)} s\n`);
  await new Promise((resolve) => setTimeout(resolve, 2000)); // let the host settle before reading RSS
  const idle = hostStatus(hostPid);

  const phaseFile = arg("phase-file");
  if (phaseFile) { // run-fanout --perf: the profiler attaches now
    fs.writeFileSync(phaseFile, "events");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const sentAt = {};
  const cpuBefore = cpuSeconds(hostPid);
  const tag = `bench-${process.pid}-${Date.now()}`;
  // A fixed schedule (event i at start + i * interval), whatever the answers
  // take: the Node server answers its trigger only once it has written to
  // every socket, and waiting for the answer would give it a slower rate.
  const eventsStarted = now();
  const answers = [];
  for (let i = 0; i < events; i += 1) {
    const wait = eventsStarted + i * intervalMs - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const number = `${tag}-${i}`;
    sentAt[number] = now();
    answers.push(fetch(`${url}${triggerPath}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ number, floor: 1 }),
    }).then(async (response) => {
      if (response.status !== 201) throw new Error(`POST ${triggerPath} -> ${response.status} ${await response.text()}`);
      process.stderr.write(`event ${i + 1}/${events} answered\n`);
    }));
  }
  await Promise.all(answers);
  const eventsSeconds = (now() - eventsStarted) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 3000)); // stragglers
  const cpuEventPhase = cpuSeconds(hostPid) - cpuBefore;
  if (phaseFile) { // the profiler stops before the clients disconnect
    fs.writeFileSync(phaseFile, "done");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const busy = hostStatus(hostPid);

  const reports = await Promise.all(children.map((child) => new Promise((resolve, reject) => {
    child.on("message", (m) => m.type === "report" && resolve(m));
    child.on("exit", () => reject(new Error("client worker exited without its report")));
    child.send({ type: "report", sentAt });
  })));
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const delivered = reports.reduce((n, r) => n + r.delivered, 0);
  const expected = connected * events;
  const result = {
    server, clients, connected, events, expected, delivered,
    deliveredRatio: expected ? delivered / expected : 0,
    payloadBytes: Math.max(...reports.map((r) => r.payloadBytes || 0)),
    serverCpuMs: Math.round(cpuEventPhase * 1000),
    serverCpuUsPerDelivered: delivered ? Number(((cpuEventPhase * 1e6) / delivered).toFixed(1)) : NaN,
    p50Ms: Number(percentile(latencies, 50).toFixed(1)),
    p99Ms: Number(percentile(latencies, 99).toFixed(1)),
    maxMs: Number((latencies[latencies.length - 1] || NaN).toFixed(1)),
    connectSeconds: Number(connectSeconds.toFixed(1)),
    eventsSeconds: Number(eventsSeconds.toFixed(2)),
    hostThreads: { before: before.threads, idle: idle.threads, busy: busy.threads },
    hostRssMiB: { before: +(before.rssKiB / 1024).toFixed(1), idle: +(idle.rssKiB / 1024).toFixed(1),
                  busy: +(busy.rssKiB / 1024).toFixed(1) },
    rssPerIdleConnectionKiB: connected ? +((idle.rssKiB - before.rssKiB) / connected).toFixed(2) : NaN,
  };
  console.log(JSON.stringify(result));
}
