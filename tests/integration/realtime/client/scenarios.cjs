// Scenarios the realtime integration tests run with the official
// socket.io-client (pinned in package-lock.json). Usage:
//   node scenarios.cjs <scenario> '<json options>'
// Prints one JSON line {"ok":true,...} and exits 0, or prints the reason and
// exits 1. Every wait is bounded, so a broken server fails, never hangs.
"use strict";
const { io } = require("socket.io-client");

const [scenario, rawOptions] = process.argv.slice(2);
const options = JSON.parse(rawOptions || "{}");
const TIMEOUT = options.timeoutMs || 10000;

function fail(message) {
  console.log(JSON.stringify({ ok: false, error: message }));
  process.exit(1);
}
const watchdog = setTimeout(() => fail(`scenario ${scenario} timed out`), options.scenarioTimeoutMs || 45000);

function waitFor(emitter, event, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what || event} within ${TIMEOUT} ms`)), TIMEOUT);
    emitter.once(event, (...args) => {
      clearTimeout(timer);
      resolve(args);
    });
  });
}

/// Resolves with the first payload of `event` matching `predicate`.
function waitForEvent(socket, event, predicate = () => true) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${TIMEOUT} ms`)), TIMEOUT);
    const handler = (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(payload);
    };
    socket.on(event, handler);
  });
}

// A connected socket that reconnects after exactly 1.5 s and has seen one
// `suite:created` (so it holds a recovery offset): where the recovery
// scenarios start.
async function connectedWithHistory(url, token, transports) {
  const socket = io(url, { auth: { token }, transports: transports || ["websocket"], reconnectionDelay: 1500,
                           reconnectionDelayMax: 1500, randomizationFactor: 0, timeout: TIMEOUT });
  await waitFor(socket, "connect");
  const before = newSuite("before");
  const seenBefore = waitForEvent(socket, "suite:created", (p) => p.number === before.number);
  await api(url, token, "POST", "/api/suites", before);
  await seenBefore;
  return socket;
}

async function api(base, token, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

function connect(url, token, extra = {}) {
  return io(url, { auth: token === undefined ? {} : { token }, reconnection: false, timeout: TIMEOUT, ...extra });
}

let suiteCounter = 0;
function newSuite(tag) {
  suiteCounter += 1;
  return { number: `${tag}-${process.pid}-${Date.now()}-${suiteCounter}`, floor: 1 };
}

const scenarios = {
  // Sockets in `ends` must end with "io server disconnect" once `action` (a
  // REST call, maybe on another host) is answered, within `withinMs`; sockets
  // in `stays` must still be connected a moment later. Without an action,
  // the sockets must end by themselves (their token expires).
  async revocation({ ends, stays = [], action, withinMs = 1000, settleMs = 500 }) {
    const open = (entry) => connect(entry.url, entry.token, { transports: entry.transports || ["websocket"] });
    const ending = ends.map(open);
    const staying = stays.map(open);
    await Promise.all([...ending, ...staying].map((socket) => waitFor(socket, "connect")));
    const reasons = ending.map((socket) => waitFor(socket, "disconnect", "disconnect of a revoked socket"));
    let started = Date.now();
    if (action) {
      await api(action.url, action.token, action.method, action.path, action.body);
      started = Date.now();
    }
    const ended = await Promise.all(reasons);
    const elapsedMs = Date.now() - started;
    for (const [reason] of ended) {
      if (reason !== "io server disconnect") throw new Error(`socket ended with ${reason}`);
    }
    if (action && elapsedMs > withinMs) throw new Error(`sockets ended ${elapsedMs} ms after the change`);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const dropped = staying.filter((socket) => !socket.connected).length;
    for (const socket of [...ending, ...staying]) socket.close();
    if (dropped > 0) throw new Error(`${dropped} socket(s) that should stay were disconnected`);
    return { elapsedMs, ended: ended.length, stayed: staying.length };
  },

  // A plugin's client events and emits (the fixture_realtime plugin on the
  // RealtimeHub): acks, a refused role, a throwing handler, and emits to a
  // room, a user, a role and everyone. The admin talks to `url`, the staff
  // member listens on `otherUrl` (another host on the same Redis, or the same).
  async pluginEvents({ url, otherUrl, adminToken, staffToken, staffId }) {
    const admin = connect(url, adminToken, { transports: ["websocket"] });
    const staff = connect(otherUrl || url, staffToken);
    await Promise.all([waitFor(admin, "connect"), waitFor(staff, "connect")]);
    const call = (socket, event, payload) =>
      payload === undefined ? socket.timeout(TIMEOUT).emitWithAck(`fixture_realtime:${event}`)
                            : socket.timeout(TIMEOUT).emitWithAck(`fixture_realtime:${event}`, payload);
    const expectOk = (ack, what) => {
      if (!ack || ack.ok !== true) throw new Error(`${what}: ${JSON.stringify(ack)}`);
      return ack.data;
    };

    const echoed = expectOk(await call(admin, "echo", { x: 1, nested: [true, null] }), "echo");
    if (JSON.stringify(echoed) !== JSON.stringify({ x: 1, nested: [true, null] })) throw new Error(`echo: ${JSON.stringify(echoed)}`);

    const refused = await call(staff, "managers-only");
    if (refused.ok !== false || refused.error.statusCode !== 403 || refused.error.error !== "Forbidden")
      throw new Error(`managers-only for staff: ${JSON.stringify(refused)}`);
    if (!staff.connected) throw new Error("the refused socket was disconnected");
    if (expectOk(await call(admin, "managers-only"), "managers-only for admin") !== "granted") throw new Error("admin not granted");

    const boom = await call(admin, "boom");
    if (boom.ok !== false || boom.error.statusCode !== 500 || JSON.stringify(boom).includes("secret"))
      throw new Error(`boom: ${JSON.stringify(boom)}`);
    expectOk(await call(admin, "echo", 5), "echo after boom");

    const news = { admin: [], staff: [] };
    admin.on("fixture_realtime:news", (payload) => news.admin.push(payload.n));
    staff.on("fixture_realtime:news", (payload) => news.staff.push(payload.n));
    expectOk(await call(staff, "enter", { room: "lobby" }), "enter");
    const sent = async (request) => {
      if (expectOk(await call(admin, "send", request), `send ${JSON.stringify(request)}`) !== true)
        throw new Error(`send refused: ${JSON.stringify(request)}`);
    };
    await sent({ to: "room", room: "lobby", data: { n: 1 } });
    await sent({ to: "user", userId: staffId, data: { n: 2 } });
    await sent({ to: "role", role: "staff", data: { n: 3 } });
    expectOk(await call(admin, "invite", { userId: staffId, room: "vip" }), "invite");
    await sent({ to: "room", room: "vip", data: { n: 4 } });
    await sent({ to: "all", data: { n: 5 } });
    const deadline = Date.now() + TIMEOUT;
    while ((news.staff.length < 5 || news.admin.length < 1) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may come
    admin.disconnect();
    staff.disconnect();
    if (JSON.stringify(news.staff) !== "[1,2,3,4,5]" || JSON.stringify(news.admin) !== "[5]")
      throw new Error(`news: ${JSON.stringify(news)}`);
    return { news };
  },

  // Authenticate with the given transports, then see every domain event of REST calls.
  async events({ url, token, transports, upgrade }) {
    const socket = connect(url, token, { transports, upgrade: upgrade !== false });
    await waitFor(socket, "connect");
    const me = await socket.timeout(TIMEOUT).emitWithAck("whoami");
    if (upgrade) {
      if (socket.io.engine.transport.name !== "websocket") await waitFor(socket.io.engine, "upgrade", "transport upgrade");
    }
    const received = [];
    for (const name of ["suite:created", "suite:updated", "suite:deleted", "task:created", "task:updated",
                        "task:deleted", "task:assigned"]) {
      socket.on(name, (payload) => received.push({ name, id: payload && payload.id }));
    }
    // Each wait starts before its REST call: the event may arrive before the response.
    const body = newSuite("rt");
    let seen = waitForEvent(socket, "suite:created", (p) => p.number === body.number);
    const suite = await api(url, token, "POST", "/api/suites", body);
    await seen;
    seen = waitForEvent(socket, "suite:updated", (p) => p.id === suite.id && p.name === "Renamed");
    await api(url, token, "PATCH", `/api/suites/${suite.id}`, { name: "Renamed" });
    await seen;
    const created = waitForEvent(socket, "task:created", (p) => p.title === `Clean ${body.number}`);
    const assigned = waitForEvent(socket, "task:assigned", (p) => p.title === `Clean ${body.number}` && p.assigneeId === me.id);
    const task = await api(url, token, "POST", "/api/tasks",
                           { suiteId: suite.id, type: "cleaning", title: `Clean ${body.number}`, assigneeId: me.id });
    await Promise.all([created, assigned]);
    seen = waitForEvent(socket, "task:updated", (p) => p.id === task.id && p.title === "Clean again");
    await api(url, token, "PATCH", `/api/tasks/${task.id}`, { title: "Clean again" });
    await seen;
    seen = waitForEvent(socket, "task:deleted", (p) => p.id === task.id);
    await api(url, token, "DELETE", `/api/tasks/${task.id}`);
    await seen;
    seen = waitForEvent(socket, "suite:deleted", (p) => p.id === suite.id);
    await api(url, token, "DELETE", `/api/suites/${suite.id}`);
    await seen;
    const transport = socket.io.engine.transport.name;
    socket.disconnect();
    return { transport, userId: me.id, received: received.map((r) => r.name) };
  },

  // A bad or missing token is refused with connect_error "Unauthorized".
  async unauthorized({ url, token }) {
    const socket = connect(url, token, { transports: ["websocket"] });
    const [error] = await waitFor(socket, "connect_error");
    socket.close();
    if (error.message !== "Unauthorized") throw new Error(`connect_error said ${error.message}`);
    return { message: error.message };
  },

  // Events published while the connection was down arrive after the reconnect.
  async recovery({ url, token, transports }) {
    const socket = await connectedWithHistory(url, token, transports);
    const firstId = socket.id;
    socket.io.engine.close(); // a forced drop; the manager reconnects after 1.5 s
    const missed = newSuite("missed");
    const seen = waitForEvent(socket, "suite:created", (p) => p.number === missed.number);
    await api(url, token, "POST", "/api/suites", missed);
    await waitFor(socket, "connect", "reconnect");
    await seen;
    const result = { recovered: socket.recovered, sameId: socket.id === firstId };
    socket.disconnect();
    if (!result.recovered) throw new Error("socket.recovered is false after a short drop");
    return result;
  },

  // A client drops from host A and comes back on host B (shared Redis): it
  // recovers its session there with the event it missed, once. `strangerToken`
  // (another user) first presents the same pid on B and must not take it.
  async recoverOnOtherHost({ url, token, otherUrl, strangerToken }) {
    const socket = await connectedWithHistory(url, token);
    const firstId = socket.id;
    const pid = socket._pid;
    const offset = socket._lastOffset;
    const numbers = [];
    socket.on("suite:created", (p) => numbers.push(p.number));
    socket.io.uri = otherUrl; // the manager reconnects there: "its host went away"
    socket.io.engine.close();
    const missed = newSuite("missed");
    await api(url, token, "POST", "/api/suites", missed);
    let strangerRecovered = null;
    if (strangerToken) {
      const stranger = io(otherUrl, { auth: { token: strangerToken, pid, offset }, transports: ["websocket"],
                                      reconnection: false, timeout: TIMEOUT });
      await waitFor(stranger, "connect");
      strangerRecovered = stranger.recovered;
      stranger.disconnect();
    }
    await waitFor(socket, "connect", "reconnect on the other host");
    await waitForEvent(socket, "suite:created", (p) => p.number === missed.number).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const result = { recovered: socket.recovered, sameId: socket.id === firstId, numbers, strangerRecovered };
    socket.disconnect();
    if (strangerRecovered) throw new Error("a stranger recovered another user's session");
    if (!result.recovered) throw new Error(`socket.recovered is false on the other host: ${JSON.stringify(result)}`);
    if (numbers.length !== 1 || numbers[0] !== missed.number) throw new Error(`expected the missed event once: ${JSON.stringify(result)}`);
    return result;
  },

  // Host A is stopped (SIGTERM) under a connected client: the client must be
  // disconnected at once (no ping timeout), reconnect to host B (where its
  // manager points from then on: "nginx sends it elsewhere") and recover
  // there, and then hear `lateNumber`, written on B by the test, once.
  async followAfterHostStops({ url, token, otherUrl, readyFile, lateFile }) {
    const fs = require("fs");
    const socket = io(url, { auth: { token }, transports: ["websocket"], timeout: TIMEOUT });
    await waitFor(socket, "connect");
    const before = newSuite("before");
    const seenBefore = waitForEvent(socket, "suite:created", (p) => p.number === before.number);
    await api(url, token, "POST", "/api/suites", before);
    await seenBefore;
    const firstId = socket.id;
    const numbers = [];
    socket.on("suite:created", (p) => numbers.push(p.number));
    socket.io.uri = otherUrl;
    const disconnected = waitFor(socket, "disconnect", "disconnect after SIGTERM");
    fs.writeFileSync(readyFile, "ready");
    const [reason] = await disconnected;
    const droppedAt = Date.now();
    await waitFor(socket, "connect", "reconnect on the other host");
    const reconnectMs = Date.now() - droppedAt;
    while (!fs.existsSync(lateFile)) await sleep(50);
    const lateNumber = fs.readFileSync(lateFile, "utf8").trim();
    const result = { reason, reconnectMs, recovered: socket.recovered, sameId: socket.id === firstId, numbers };
    if (!numbers.includes(lateNumber)) {
      await waitForEvent(socket, "suite:created", (p) => p.number === lateNumber).catch((error) => {
        throw new Error(`${error.message}: ${JSON.stringify(result)}`);
      });
    }
    await sleep(300);
    socket.disconnect();
    if (reason !== "transport close") throw new Error(`disconnected for "${reason}": ${JSON.stringify(result)}`);
    if (!result.recovered || !result.sameId) throw new Error(`not recovered on the other host: ${JSON.stringify(result)}`);
    if (numbers.filter((n) => n === lateNumber).length !== 1 || numbers.includes(before.number))
      throw new Error(`events lost or repeated: ${JSON.stringify(result)}`);
    return result;
  },

  // A socket on host A sees what is published on host B (shared Redis).
  async crossHost({ url, token, otherUrl, otherToken }) {
    const socket = connect(url, token, { transports: ["websocket"] });
    await waitFor(socket, "connect");
    const body = newSuite("remote");
    const seen = waitForEvent(socket, "suite:created", (p) => p.number === body.number);
    const suite = await api(otherUrl, otherToken, "POST", "/api/suites", body);
    const payload = await seen;
    let duplicates = 0;
    socket.on("suite:created", (p) => { if (p.number === suite.number) duplicates += 1; });
    await new Promise((resolve) => setTimeout(resolve, 500));
    socket.disconnect();
    if (duplicates > 0) throw new Error(`event delivered ${duplicates + 1} times`);
    return { id: payload.id };
  },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `clients` sockets (each from its own loopback address when `spreadAddresses`,
// so nginx's hash by client address spreads them over the hosts) that record
// every suite:created whose number is `<tag>-<k>`. Writes `readyFile` once all
// are connected, then waits for `stopFile`, which holds how many events were
// written (k = 0..n-1), and reports for every socket whether it got each one
// exactly once and in order, and whether every reconnect recovered. With
// `mixedTransports`, every other socket starts with long-polling and
// upgrades (the browser default) instead of opening a WebSocket at once.
scenarios.fleet = async ({ url, token, clients, tag, readyFile, stopFile, spreadAddresses, settleMs, mixedTransports }) => {
  const fs = require("fs");
  const states = [];
  const sockets = [];
  for (let i = 0; i < clients; i += 1) {
    // One agent per socket, bound to its address: polling requests and the
    // WebSocket of a session then come from the same address, as a phone's do.
    const localAddress = `127.0.${1 + Math.floor(i / 250)}.${2 + (i % 250)}`;
    const extra = spreadAddresses ? { agent: new (require("http").Agent)({ localAddress }), localAddress } : {};
    const transports = mixedTransports && i % 2 === 1 ? ["polling", "websocket"] : ["websocket"];
    const socket = io(url, { auth: { token }, transports, timeout: TIMEOUT, ...extra });
    const state = { received: [], connects: 0, recovered: 0, notRecovered: 0, reasons: {} };
    socket.on("connect", () => {
      state.connects += 1;
      if (state.connects > 1) state[socket.recovered ? "recovered" : "notRecovered"] += 1;
    });
    socket.on("disconnect", (reason) => { state.reasons[reason] = (state.reasons[reason] || 0) + 1; });
    socket.on("connect_error", (error) => { state.reasons[`connect_error: ${error.message}`] = 1; });
    socket.on("suite:created", (payload) => {
      const number = payload && payload.number;
      if (typeof number === "string" && number.startsWith(`${tag}-`)) state.received.push(Number(number.slice(tag.length + 1)));
    });
    states.push(state);
    sockets.push(socket);
  }
  await Promise.all(sockets.map((socket) => (socket.connected ? null : waitFor(socket, "connect"))));
  fs.writeFileSync(readyFile, "ready");
  let expected = null;
  while (expected === null) {
    await sleep(100);
    if (fs.existsSync(stopFile)) {
      const text = fs.readFileSync(stopFile, "utf8").trim();
      if (text !== "") expected = Number(text);
    }
  }
  const deadline = Date.now() + (settleMs || 15000);
  while (Date.now() < deadline && states.some((state) => state.received.length < expected)) await sleep(100);
  const totals = { clients, expected, complete: 0, missing: 0, duplicates: 0, outOfOrder: 0, reconnects: 0,
                   recovered: 0, notRecovered: 0, moved: 0, reasons: {} };
  const bad = [];
  states.forEach((state, index) => {
    const unique = new Set(state.received);
    const missing = expected - [...unique].filter((k) => k >= 0 && k < expected).length;
    const duplicates = state.received.length - unique.size;
    let outOfOrder = 0;
    for (let i = 1; i < state.received.length; i += 1) if (state.received[i] <= state.received[i - 1]) outOfOrder += 1;
    if (missing === 0 && duplicates === 0 && outOfOrder === 0) totals.complete += 1;
    else if (bad.length < 5) bad.push({ index, missing, duplicates, outOfOrder, connects: state.connects, reasons: state.reasons,
                                         head: state.received.slice(0, 5), tail: state.received.slice(-5) });
    totals.missing += missing;
    totals.duplicates += duplicates;
    totals.outOfOrder += outOfOrder;
    totals.reconnects += state.connects - 1;
    totals.recovered += state.recovered;
    totals.notRecovered += state.notRecovered;
    if (state.connects > 1) totals.moved += 1;
    for (const [reason, count] of Object.entries(state.reasons)) totals.reasons[reason] = (totals.reasons[reason] || 0) + count;
  });
  sockets.forEach((socket) => socket.disconnect());
  return { ...totals, bad };
};

(async () => {
  const run = scenarios[scenario];
  if (!run) fail(`unknown scenario ${scenario}`);
  try {
    const result = await run(options);
    clearTimeout(watchdog);
    console.log(JSON.stringify({ ok: true, ...result }));
    process.exit(0);
  } catch (error) {
    fail(error && error.message ? error.message : String(error));
  }
})();
