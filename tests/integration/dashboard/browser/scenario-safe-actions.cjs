// Safe actions: a double-click on "Check out" neither checks the guest back
// in nor sends anything by itself; a second click on the same spot (now
// "Check in") only asks, warning that the suite is dirty; a button is
// disabled while its request runs (a double-click sends one request); a
// disabled action says why; a check-in of an uninspected suite warns; a
// refusal shows the server's message and a lost request says what that
// means, never "Failed to fetch".
"use strict";
const { alertText, check, dialog, fieldIs, log, sleep, suiteCard, taskItem } = require("./e2e-support.cjs");

const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent.trim() || "");

async function doubleClickCheckOut(world) {
  const { desk, rest, admin, suites } = world;
  const id = suites["106"].id;
  const card = suiteCard(desk, "106");
  await card.getByRole("button", { name: "Check out" }).dblclick();
  const question = dialog(desk, "Check out suite 106?");
  await question.waitFor();
  check((await rest.call(admin, "GET", `/api/suites/${id}`)).occupancy === "occupied",
        "a double-click on Check out only asks");
  check((await focusedText(desk)) === "Keep as it is", "the question starts on the safe choice");
  // By keyboard: Tab to the confirming button once it is armed, Enter.
  const confirming = question.getByRole("button", { name: "Check out" });
  await desk.waitForFunction((button) => !button.disabled, await confirming.elementHandle());
  await desk.keyboard.press("Tab");
  check((await focusedText(desk)) === "Check out", "Tab moves from the safe choice to the confirming button");
  await desk.keyboard.press("Enter");
  await question.waitFor({ state: "detached" });
  await fieldIs(card, "occupancy", "vacant");

  // The same spot, clicked again 400 ms later, now reads "Check in": it asks
  // (and warns), it never flips the check-out back.
  await sleep(400);
  await card.getByRole("button", { name: "Check in" }).click();
  const again = dialog(desk, "Check in a guest to suite 106?");
  await again.waitFor();
  check((await again.textContent()).includes("Suite 106 is dirty"), "checking in a dirty suite warns");
  await again.getByRole("button", { name: "Check in anyway" }).waitFor();
  await desk.keyboard.press("Escape");
  await again.waitFor({ state: "detached" });
  check((await focusedText(desk)) === "Check in", "focus returns to the button that asked");
  const suite = await rest.call(admin, "GET", `/api/suites/${id}`);
  check(suite.occupancy === "vacant" && suite.condition === "dirty", "106 stays vacant and dirty");
  const open = await rest.call(admin, "GET", `/api/tasks?suiteId=${id}&status=pending,in_progress`);
  check(open.total === 1, `exactly one cleaning task for 106 (found ${open.total})`);
  log("double-click on Check out: asked once, checked out once; the next click on Check in only asked, with a warning");
}

async function oneRequestPerDoubleClick(world) {
  const { phone } = world;
  let starts = 0;
  const hold = async (route) => {
    starts += 1;
    await sleep(800);
    await route.continue();
  };
  await phone.route("**/api/tasks/*/start", hold);
  const item = taskItem(phone, "Replace hallway bulbs");
  await item.getByRole("button", { name: "Start" }).dblclick();
  const busy = item.getByRole("button", { name: "Starting…" });
  await busy.waitFor();
  check(await busy.isDisabled(), "the button is disabled while its request runs");
  await item.getByRole("button", { name: "Complete" }).waitFor();
  await phone.unroute("**/api/tasks/*/start", hold);
  check(starts === 1, `a double-click on Start sent one request (sent ${starts})`);
  log("double-click on Start: one request, the button disabled ('Starting…') while it ran");
}

async function disabledSaysWhy(world) {
  const { desk } = world;
  const button = suiteCard(desk, "304").getByRole("button", { name: "Check in" });
  check(await button.isDisabled(), "check-in of an out-of-order suite is disabled");
  const describedBy = await button.getAttribute("aria-describedby");
  const reason = await desk.locator(`[id="${describedBy}"]`).textContent();
  check(/Out of order/.test(reason) && (await desk.getByText(reason).isVisible()), `the reason is shown: ${reason}`);
  log(`disabled check-in of 304 says why: "${reason}"`);
}

async function uninspectedWarns(world) {
  const { desk } = world;
  const card = suiteCard(desk, "107");
  await card.getByRole("button", { name: "Check in" }).click();
  const question = dialog(desk, "Check in a guest to suite 107?");
  check((await question.textContent()).includes("has not been inspected"), "checking in an uninspected suite warns");
  await question.getByRole("button", { name: "Check in anyway" }).click();
  await fieldIs(card, "occupancy", "occupied");
  log("check-in of 107 (clean, not inspected) warned, then went through when confirmed");
}

async function refusalInServerWords(world) {
  const { desk, rest, admin, users, suites } = world;
  const card = suiteCard(desk, "108");
  await card.getByRole("button", { name: "Check in" }).click();
  const question = dialog(desk, "Check in a guest to suite 108?");
  await question.waitFor();
  // While the manager reads the question, a housekeeper marks 108 dirty.
  const lee = await rest.login(users.other.email, users.other.password);
  await rest.call(lee, "PATCH", `/api/suites/${suites["108"].id}`, { condition: "dirty" });
  await fieldIs(card, "condition", "dirty");
  await question.getByRole("button", { name: "Check in anyway" }).click();
  const alert = alertText(desk);
  await alert.filter({ hasText: "was refused" }).waitFor();
  const text = await alert.textContent();
  check(/Check-in of suite 108 was refused: Suite \d+ is at version \d+, not \d+/.test(text), `412 in the server's words: ${text}`);
  check((await rest.call(admin, "GET", `/api/suites/${suites["108"].id}`)).occupancy === "vacant", "108 stays vacant");
  await alert.getByRole("button", { name: "Dismiss" }).click();
  log(`a check-in decided on a stale copy was refused: "${text.replace(/\s*Dismiss$/, "")}"`);
}

async function lostRequestExplained(world) {
  const { desk, rest, admin, suites } = world;
  const cut = (route) => (route.request().method() === "PATCH" ? route.abort("internetdisconnected") : route.continue());
  await desk.route("**/api/suites/*", cut);
  await suiteCard(desk, "202").getByRole("button", { name: "Open suite 202" }).click();
  const details = dialog(desk, "Suite 202");
  await details.getByRole("button", { name: "Take out of service" }).click();
  const question = dialog(desk, "Take suite 202 out of service?");
  check((await question.textContent()).includes("A guest is checked in"), "taking an occupied suite out of service warns");
  await question.getByRole("button", { name: "Take out of service" }).click();
  await details.getByRole("alert").filter({ hasText: "could not be reached" }).waitFor(); // shown where the user is
  const alert = alertText(desk).filter({ hasText: "could not be reached" });
  const text = await alert.textContent();
  check(!/Failed to fetch|NetworkError|TypeError/.test(text), `no raw network error: ${text}`);
  await desk.unroute("**/api/suites/*", cut);
  await desk.keyboard.press("Escape");
  await details.waitFor({ state: "detached" });
  await alert.getByRole("button", { name: "Dismiss" }).click();
  check((await rest.call(admin, "GET", `/api/suites/${suites["202"].id}`)).serviceState === "in_service", "202 unchanged");
  log(`a request lost on the network: "${text.replace(/\s*Dismiss$/, "")}"`);
}

async function run(world) {
  await doubleClickCheckOut(world);
  await oneRequestPerDoubleClick(world);
  await disabledSaysWhy(world);
  await uninspectedWarns(world);
  await refusalInServerWords(world);
  await lostRequestExplained(world);
}

module.exports = { name: "safe actions", run };
