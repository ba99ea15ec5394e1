// Staff fit: assignee lists offer the people who do the work (housekeepers
// first; managers only for inspections; never administrators or deactivated
// users); on phones no suite number or label wraps and every control is at
// least 44 x 44 px; the focus order follows the layout (the login form;
// the desk: top bar, glance, tasks, suites).
"use strict";
const { check, dialog, log, PHONE_CONTEXT } = require("./e2e-support.cjs");

/// [{group, names}] of a <select>'s option groups ("" for loose options).
const assigneeChoices = (select) =>
  select.evaluate((element) =>
    [...element.querySelectorAll("optgroup")].map((group) => ({
      group: group.label,
      names: [...group.querySelectorAll("option")].map((option) => option.textContent.trim()),
    })),
  );

async function assigneeLists(world) {
  const { desk } = world;
  const form = desk.getByRole("form", { name: "New task" });
  await desk.getByText("New task", { exact: true }).click();
  const type = form.getByLabel("Type");
  const assignee = form.getByLabel("Assignee");
  await type.selectOption("cleaning");
  const cleaning = await assigneeChoices(assignee);
  check(JSON.stringify(cleaning) === JSON.stringify([{ group: "Housekeepers", names: ["Lee Wong", "Sam Carter"] }]),
        `cleaning goes to active housekeepers only: ${JSON.stringify(cleaning)}`);
  await type.selectOption("inspection");
  const inspection = await assigneeChoices(assignee);
  check(JSON.stringify(inspection) === JSON.stringify([
    { group: "Housekeepers", names: ["Lee Wong", "Sam Carter"] },
    { group: "Managers", names: ["Maria Lopez", "Max Okafor"] },
  ]), `inspections: housekeepers first, then managers: ${JSON.stringify(inspection)}`);
  await type.selectOption("cleaning");
  await desk.getByText("New task", { exact: true }).click();
  log("assignee lists: cleaning -> Lee Wong, Sam Carter; inspection -> housekeepers, then managers; no admin, no deactivated user");
}

/// Elements whose visible text runs over more than one line or is cut off.
/// Lines are told apart by the boxes of the text itself (text nodes, not
/// visually hidden ones nor a <select>'s options): boxes that overlap
/// vertically are on one line, whatever their font size.
function wrapped(page) {
  return page.evaluate(() => {
    const selectors = [".suite-number", ".suite dt", ".suite dd", ".suite-actions button", ".tile .figure",
                       ".tile .what", ".pill", ".topbar-row p", ".topbar-row button", ".task-actions button",
                       ".section-head h2", ".filters label"];
    const lineCount = (element) => {
      const boxes = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent.trim() || node.parentElement.closest(".visually-hidden, select")) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        boxes.push(...[...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0));
      }
      boxes.sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= bottom - 1) lines += 1;
        bottom = Math.max(bottom, box.bottom);
      }
      return lines;
    };
    const bad = [];
    for (const element of document.querySelectorAll(selectors.join(","))) {
      if (!element.getClientRects().length) continue; // not shown
      const cut = element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).display !== "inline";
      if (lineCount(element) > 1 || cut) bad.push(`${element.className || element.tagName}: "${element.textContent.trim()}"`);
    }
    return bad;
  });
}

/// Controls smaller than 44 x 44 CSS px (radio buttons count by their label).
function smallTargets(page) {
  return page.evaluate(() => {
    const bad = [];
    const targets = document.querySelectorAll("button, select, input:not([type=radio]), textarea, summary, a[href], label.choice");
    for (const element of targets) {
      const box = element.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      if (box.width < 44 || box.height < 44)
        bad.push(`${element.tagName} "${(element.textContent || element.getAttribute("aria-label") || "").trim()}" ` +
                 `${Math.round(box.width)}x${Math.round(box.height)}`);
    }
    return bad;
  });
}

async function phoneFit(world) {
  for (const [name, page] of [["staff phone", world.phone], ["manager phone", world.managerPhone]]) {
    const lines = await wrapped(page);
    check(lines.length === 0, `${name}: wrapped or cut labels: ${lines.join("; ")}`);
    const small = await smallTargets(page);
    check(small.length === 0, `${name}: touch targets under 44 px: ${small.join("; ")}`);
  }
  // The inspection form on a phone, too.
  await world.managerPhone.getByRole("button", { name: "Inspect suite 204" }).click();
  const form = dialog(world.managerPhone, "Inspect suite 204");
  await form.getByRole("radio", { name: /Pass/ }).waitFor();
  const small = await smallTargets(world.managerPhone);
  check(small.length === 0, `inspection form on a phone: touch targets under 44 px: ${small.join("; ")}`);
  await world.managerPhone.keyboard.press("Escape");
  await form.waitFor({ state: "detached" });
  log("phones: no suite number or label wraps (PH-1201 included); every control is at least 44 x 44 px");
}

async function loginFocusOrder(world) {
  const context = await world.browser.newContext(PHONE_CONTEXT);
  try {
    const page = await context.newPage();
    await page.goto(world.base + "/");
    await page.getByLabel("Email").focus();
    const order = [];
    for (let i = 0; i < 3; i++) {
      order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim()));
      await page.keyboard.press("Tab");
    }
    check(JSON.stringify(order) === JSON.stringify(["login-email", "login-password", "Sign in"]),
          `login focus order: ${order.join(" -> ")}`);
  } finally {
    await context.close();
  }
  log("login focus order: email -> password -> Sign in");
}

/// On the desk, Tab goes through the page in the order it is laid out: the
/// top bar, the day at a glance, the tasks (left), then the suites (right).
async function deskFocusOrder(world) {
  const { desk } = world;
  await desk.evaluate(() => document.activeElement?.blur());
  await desk.locator(".topbar h1").click(); // start from the top of the page
  const sections = [];
  for (let presses = 0; presses < 200 && sections[sections.length - 1] !== "suites"; presses++) {
    await desk.keyboard.press("Tab");
    const where = await desk.evaluate(() => {
      const element = document.activeElement;
      if (element.closest(".topbar")) return "topbar";
      return element.closest("section.glance, section.tasks, section.suites")?.className.split(" ")[0] || "other";
    });
    if (sections[sections.length - 1] !== where) sections.push(where);
  }
  check(JSON.stringify(sections) === JSON.stringify(["topbar", "glance", "tasks", "suites"]), `desk focus order: ${sections}`);
  const left = (selector) => desk.locator(selector).evaluate((element) => element.getBoundingClientRect().left);
  check((await left("section.tasks")) < (await left("section.suites")), "the tasks are left of the suites");
  log("desk focus order follows the layout: top bar -> glance -> tasks (left) -> suites (right)");
}

async function run(world) {
  await assigneeLists(world);
  await phoneFit(world);
  await loginFocusOrder(world);
  await deskFocusOrder(world);
}

module.exports = { name: "staff fit", run };
