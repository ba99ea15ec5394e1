// Offline: the phone loses its network. "Offline" shows at once (the
// browser's own signal, not the next ping), every action is disabled and
// described by the offline note; a check-out made meanwhile appears once
// the link is back, and the actions come back with it.
"use strict";
const { check, fieldIs, linkState, log, suiteCard, taskItem, timed } = require("./e2e-support.cjs");

const RECONNECT_TIMEOUT = 20000; // reconnection back-off of the client, with margin

async function run(world) {
  const { phone, contexts, rest, users, suites } = world;
  await contexts.phone.setOffline(true);
  const offlineMs = await timed(linkState(phone, "Offline", 3000));
  const note = phone.locator("#paused-note");
  await note.waitFor();
  check(/actions are paused/.test(await note.textContent()), "the offline note says actions are paused");
  const start = taskItem(phone, "Clean suite 201").getByRole("button", { name: "Start" });
  check(await start.isDisabled(), "actions are disabled while offline");
  check((await start.getAttribute("aria-describedby")) === "paused-note", "a disabled action points to the offline note");
  log(`phone offline: shown after ${offlineMs} ms, actions disabled with the reason`);

  const manager = await rest.login(users.manager.email, users.manager.password);
  await rest.call(manager, "PATCH", `/api/suites/${suites["205"].id}`, { occupancy: "vacant" });
  await contexts.phone.setOffline(false);
  const recoveredMs = await timed(linkState(phone, "Live", RECONNECT_TIMEOUT));
  await taskItem(phone, "Clean suite 205").waitFor();
  await fieldIs(suiteCard(phone, "205"), "condition", "dirty");
  check(!(await start.isDisabled()), "actions come back with the link");
  log(`phone back online after ${recoveredMs} ms; the check-out of 205 made while offline is shown`);
  Object.assign(world.summary, { offlineMs, recoveredMs });
}

module.exports = { name: "offline", run };
