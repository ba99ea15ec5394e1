// The board follows changes live in two browsers: a manager's check-out on
// the desk (confirmed) reaches a housekeeper's phone as a cleaning task; the
// housekeeper starts and completes it and the desk turns the suite clean.
"use strict";
const { dialog, fieldIs, log, suiteCard, taskItem } = require("./e2e-support.cjs");

async function run(world) {
  const { desk, phone } = world;
  const deskCard = suiteCard(desk, "104");
  await fieldIs(deskCard, "occupancy", "occupied");
  await deskCard.getByRole("button", { name: "Check out" }).click();
  const question = dialog(desk, "Check out suite 104?");
  const taskShown = taskItem(phone, "Clean suite 104").waitFor();
  await question.getByRole("button", { name: "Check out" }).click(); // waits until it is armed
  const confirmed = Date.now();
  await taskShown;
  const taskLatencyMs = Date.now() - confirmed;
  await fieldIs(deskCard, "condition", "dirty");
  await fieldIs(deskCard, "openTasks", "1");
  log(`check-out of 104 (confirmed): the cleaning task appeared on the phone after ${taskLatencyMs} ms`);

  const phoneTask = taskItem(phone, "Clean suite 104");
  await phoneTask.getByRole("button", { name: "Start" }).click();
  await phoneTask.getByRole("button", { name: "Complete" }).waitFor();
  const completed = Date.now();
  const turnsClean = fieldIs(deskCard, "condition", "clean");
  await phoneTask.getByRole("button", { name: "Complete" }).click();
  await turnsClean;
  const cleanLatencyMs = Date.now() - completed;
  await fieldIs(deskCard, "openTasks", "0");
  await phoneTask.waitFor({ state: "detached" });
  log(`task completed on the phone: suite 104 turned clean on the desk after ${cleanLatencyMs} ms`);
  Object.assign(world.summary, { taskLatencyMs, cleanLatencyMs });
}

module.exports = { name: "live updates", run };
