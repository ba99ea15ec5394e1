// A suite's history from the board, live: opening 206 shows who failed its
// inspection (through which task); a change made meanwhile appears at the
// top without reopening it. Escape closes it and focus goes back.
"use strict";
const fs = require("fs");
const path = require("path");
const { check, dialog, log, suiteCard } = require("./e2e-support.cjs");

async function run(world) {
  const { desk, rest, users, suites } = world;
  const opener = suiteCard(desk, "206").getByRole("button", { name: "Open suite 206" });
  await opener.click();
  const details = dialog(desk, "Suite 206");
  const rows = details.locator(".history-row");
  await rows.filter({ hasText: "Condition clean → dirty" }).filter({ hasText: "by you, through task “Inspect suite 206”" })
    .waitFor();

  const lee = await rest.login(users.other.email, users.other.password);
  await rest.call(lee, "PATCH", `/api/suites/${suites["206"].id}`, { condition: "clean" });
  await rows.first().filter({ hasText: "Condition dirty → clean" }).filter({ hasText: "by Lee Wong, directly" }).waitFor();
  check((await details.locator('[data-field="condition"]').textContent()) === "clean", "the dialog's state is live too");
  log("history of 206: the failed inspection (through its task), then Lee's change appeared live at the top");

  if (world.shots) {
    fs.mkdirSync(world.shots, { recursive: true });
    await desk.screenshot({ path: path.join(world.shots, "board-suite-history.png") });
  }
  await desk.keyboard.press("Escape");
  await details.waitFor({ state: "detached" });
  check(await opener.evaluate((element) => element === document.activeElement), "focus returns to the suite");
}

module.exports = { name: "suite history", run };
