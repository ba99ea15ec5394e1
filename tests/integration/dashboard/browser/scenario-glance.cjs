// The day at a glance: the strip and the charts agree with the API and follow
// it live (a task done now counts at once); the task that fell due is
// highlighted when the server announces it (task:overdue), not before.
"use strict";
const { check, eventually, log } = require("./e2e-support.cjs");

const OVERDUE_TIMEOUT = 90000; // the tasks.overdue job ticks every minute from the host's start

const tile = (page, field) => page.locator(`.tile[data-figure="${field}"] .figure`);
const chartValue = (page, caption, row) =>
  page.getByRole("table", { name: caption }).getByRole("row", { name: new RegExp(`^${row}\\b`) }).locator(".data").first();

async function figuresMatchTheApi(world) {
  const { desk, rest, admin } = world;
  const suites = (await rest.call(admin, "GET", "/api/suites?limit=200")).data;
  const open = await rest.call(admin, "GET", "/api/tasks?status=pending,in_progress&limit=1");
  const count = (pred) => String(suites.filter(pred).length);
  const expected = {
    dirty: count((s) => s.condition === "dirty"),
    clean: count((s) => s.condition === "clean"),
    inspected: count((s) => s.condition === "inspected"),
    outOfOrder: count((s) => s.serviceState !== "in_service"),
    openTasks: String(open.total),
    occupied: `${count((s) => s.occupancy === "occupied")}/${suites.length}`,
  };
  await eventually(async () => {
    for (const [field, value] of Object.entries(expected)) if ((await tile(desk, field).textContent()) !== value) return false;
    return true;
  }, `the strip to show ${JSON.stringify(expected)}`);
  check((await chartValue(desk, "Suites by condition", "Dirty").textContent()) === expected.dirty, "condition chart");
  check((await chartValue(desk, "Suites by service state", "Out of order").textContent()) === "1", "service chart");
  log(`strip and charts agree with the API: ${JSON.stringify(expected)}`);
}

async function doneTodayIsLive(world) {
  const { desk, rest, admin, users } = world;
  const before = Number(await chartValue(desk, "Tasks done today by housekeeper", "Lee Wong").textContent());
  const lee = await rest.login(users.other.email, users.other.password);
  const task = await rest.call(admin, "POST", "/api/tasks", { title: "Refill the ice machine", type: "other" });
  await rest.call(lee, "POST", `/api/tasks/${task.id}/start`);
  await rest.call(lee, "POST", `/api/tasks/${task.id}/complete`);
  await eventually(async () =>
    Number(await chartValue(desk, "Tasks done today by housekeeper", "Lee Wong").textContent()) === before + 1,
    "Lee's count to go up");
  const sam = Number(await chartValue(desk, "Tasks done today by housekeeper", "Sam Carter").textContent());
  check(sam >= 2, `Sam's work today counts (${sam})`);
  log(`tasks done today by housekeeper follow live: Lee ${before} -> ${before + 1}, Sam ${sam}`);
}

/// A task falls due while the board is open: nothing shows it as overdue
/// until the server's tasks.overdue job announces it (task:overdue); the
/// board does not refetch to find out.
async function overdueAnnounced(world) {
  const { desk, rest, admin, users } = world;
  let overdueFetches = 0;
  const counted = (request) => request.url().includes("overdue=true") && (overdueFetches += 1);
  desk.on("request", counted);
  const late = await rest.call(admin, "POST", "/api/tasks", {
    title: "Restock the linen cart", type: "other", priority: "high", assigneeId: users.other.id,
    dueAt: new Date(Date.now() + 1000).toISOString(),
  });
  const item = desk.getByRole("listitem", { name: late.title, exact: true });
  await item.waitFor();
  check((await item.locator('[data-field="overdue"]').count()) === 0, "not overdue before the server says so");
  const waited = Date.now();
  await item.locator('[data-field="overdue"]').waitFor({ timeout: OVERDUE_TIMEOUT });
  desk.off("request", counted);
  check(overdueFetches === 0, `highlighted by the event, not a refetch (${overdueFetches} refetches)`);
  check((await tile(desk, "overdue").textContent()) === "1", "the overdue figure counts it");
  check(await desk.locator('.tile.alert[data-figure="overdue"]').isVisible(), "the overdue figure is highlighted");
  check((await desk.getByRole("region", { name: "Overdue tasks" }).textContent()).includes(late.title), "listed as overdue");
  log(`task:overdue announced "${late.title}" after ${Date.now() - waited} ms; highlighted on the desk without a refetch`);
}

async function run(world) {
  await figuresMatchTheApi(world);
  await doneTodayIsLive(world);
  await overdueAnnounced(world);
}

module.exports = { name: "day at a glance", run };
