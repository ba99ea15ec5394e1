// An accessibility scan with axe-core (pinned in package-lock.json) of the
// desk and phone views, and of the dialogs (suite, inspection, question):
// no serious or critical violation. The script is evaluated through the DevTools protocol, which
// the page's Content-Security-Policy does not apply to.
"use strict";
const fs = require("fs");
const { check, dialog, log } = require("./e2e-support.cjs");

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

async function scan(page, name) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = violations.filter((v) => !serious.includes(v)).map((v) => `${v.id} (${v.impact})`);
  check(serious.length === 0, `${name}: ${JSON.stringify(serious)}`);
  log(`axe ${name}: no serious violations${minor.length ? `; minor: ${minor.join(", ")}` : ""}`);
}

async function run(world) {
  const { desk, phone, managerPhone } = world;
  await scan(desk, "manager desk");
  await scan(phone, "staff phone");
  await scan(managerPhone, "manager phone");
  const scanDialog = async (page, opener, title, name, ready = null) => {
    await opener.click();
    const opened = dialog(page, title);
    await (ready ? opened.locator(ready) : opened).waitFor();
    await scan(page, name);
    await page.keyboard.press("Escape");
    await opened.waitFor({ state: "detached" });
  };
  await scanDialog(desk, desk.getByRole("button", { name: "Open suite 101" }), "Suite 101", "suite dialog (desk)",
                   '.history[aria-busy="false"]');
  await scanDialog(phone, phone.getByRole("button", { name: "Open suite 102" }), "Suite 102", "suite dialog (phone)",
                   '.history[aria-busy="false"]');
  await scanDialog(managerPhone, managerPhone.getByRole("button", { name: "Inspect suite 204" }), "Inspect suite 204",
                   "inspection dialog (phone)");
  await scanDialog(desk, desk.getByRole("article", { name: "Suite 301", exact: true }).getByRole("button", { name: "Check in" }),
                   "Check in a guest to suite 301?", "check-in question with a warning (desk)");
}

module.exports = { name: "accessibility", run };
