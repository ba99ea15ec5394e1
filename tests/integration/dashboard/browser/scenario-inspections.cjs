// Inspections from the board: a housekeeper records the inspection a
// manager gave them (and never sees an unassigned one); a manager passes a
// clean suite through its open inspection task (inspected) and fails
// another with a reason (dirty, plus a high-priority cleaning task carrying
// the reason, on the housekeeper's phone too).
"use strict";
const { check, dialog, fieldIs, log, suiteCard, taskItem } = require("./e2e-support.cjs");

async function staffInspects(world) {
  const { phone, desk } = world;
  const item = taskItem(phone, "Inspect suite 105");
  await item.waitFor();
  check((await taskItem(phone, "Inspect suite 208").count()) === 0, "an unassigned inspection is not offered to staff");
  await item.getByRole("button", { name: "Inspect…" }).click();
  const form = dialog(phone, "Inspect suite 105");
  await form.getByRole("radio", { name: /Pass/ }).check();
  await form.getByRole("button", { name: "Record pass" }).click();
  await form.waitFor({ state: "detached" });
  await fieldIs(suiteCard(desk, "105"), "condition", "inspected");
  await item.waitFor({ state: "detached" });
  log("the housekeeper passed the inspection assigned to her: 105 is inspected on the desk");
}

/// 208 has an open (unassigned) inspection task: the manager's inspection
/// from the card records that one rather than making a second.
async function managerPasses(world) {
  const { desk, rest, admin, suites } = world;
  await suiteCard(desk, "208").getByRole("button", { name: "Inspect suite 208" }).click();
  const form = dialog(desk, "Inspect suite 208");
  await form.getByRole("button", { name: "Record pass" }).click();
  await form.waitFor({ state: "detached" });
  await fieldIs(suiteCard(desk, "208"), "condition", "inspected");
  const inspections = (await rest.call(admin, "GET", `/api/tasks?suiteId=${suites["208"].id}&type=inspection`)).data;
  check(inspections.length === 1 && inspections[0].outcome === "pass", "the open inspection task was the one recorded");
  log("the manager passed 208 from its card through its open inspection task: inspected");
}

async function managerFails(world) {
  const { desk, phone, rest, admin, suites } = world;
  await suiteCard(desk, "206").getByRole("button", { name: "Inspect suite 206" }).click();
  const form = dialog(desk, "Inspect suite 206");
  await form.getByRole("radio", { name: /Fail/ }).check();
  await form.getByRole("button", { name: "Record failure" }).click();
  await form.getByRole("alert").filter({ hasText: "Say what needs redoing" }).waitFor();
  await form.getByLabel("What needs redoing (required)").fill("Hair in the shower drain");
  await form.getByRole("button", { name: "Record failure" }).click();
  await form.waitFor({ state: "detached" });
  await fieldIs(suiteCard(desk, "206"), "condition", "dirty");
  const reason = "Inspection failed: Hair in the shower drain";
  for (const page of [desk, phone]) await fieldIs(taskItem(page, "Clean suite 206"), "description", reason);
  const tasks = (await rest.call(admin, "GET", `/api/tasks?suiteId=${suites["206"].id}`)).data;
  const inspection = tasks.find((task) => task.type === "inspection");
  const cleaning = tasks.find((task) => task.type === "cleaning");
  check(inspection && inspection.outcome === "fail" && inspection.status === "completed", "the inspection failed");
  check(cleaning && cleaning.priority === "high" && cleaning.status === "pending", "a high-priority cleaning task");
  log("the manager failed 206 with a reason: dirty, and the re-clean task shows the reason on the phone");
}

async function run(world) {
  await staffInspects(world);
  await managerPasses(world);
  await managerFails(world);
}

module.exports = { name: "inspections", run };
