// End-to-end run of the web board in headless Debian Chromium, driven by
// playwright-core (pinned in package-lock.json). Usage:
//   node board.e2e.cjs '<json options>'
// options: baseUrl, adminEmail, adminPassword, screenshotsDir (optional),
//          timeoutMs (optional, default 8000: the longest any single wait may take)
// One host, one seeded morning, three signed-in browsers (a manager's desk, a
// housekeeper's phone, a manager's phone) and the scenarios below in order;
// each prints what it showed. Prints one JSON line {"ok":true,...} and exits
// 0, or {"ok":false,"scenario":...,"error":...} and exits 1 (a screenshot of
// each page is kept in screenshotsDir on failure). Every wait is bounded.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");
const { DESK, PHONE_CONTEXT, log, check, restClient, signIn } = require("./e2e-support.cjs");
const { seed } = require("./e2e-seed.cjs");

const SCENARIOS = [
  require("./scenario-live.cjs"),
  require("./scenario-safe-actions.cjs"),
  require("./scenario-offline.cjs"),
  require("./scenario-inspections.cjs"),
  require("./scenario-history.cjs"),
  require("./scenario-staff-fit.cjs"),
  require("./scenario-glance.cjs"), // last but one: it waits for the first tasks.overdue tick
  require("./scenario-accessibility.cjs"),
];

const options = JSON.parse(process.argv[2] || "{}");
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                       "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const world = {
  base: options.baseUrl.replace(/\/$/, ""),
  timeout: options.timeoutMs || 8000,
  shots: options.screenshotsDir || "",
  pages: [],
  pageErrors: [],
  summary: {},
};
let current = "setup";
const watchdog = setTimeout(() => finish(new Error(`timed out in ${current}`)), 300000);

async function finish(error) {
  clearTimeout(watchdog);
  if (error && world.shots) {
    fs.mkdirSync(world.shots, { recursive: true });
    for (const [name, page] of world.pages)
      await page.screenshot({ path: path.join(world.shots, `failure-${name}.png`), fullPage: true }).catch(() => {});
  }
  if (world.browser) await world.browser.close().catch(() => {});
  if (error) {
    console.log(JSON.stringify({ ok: false, scenario: current, error: String(error && error.stack ? error.stack : error) }));
    process.exit(1);
  }
  console.log(JSON.stringify({ ok: true, ...world.summary }));
  process.exit(0);
}

async function screenshots() {
  if (!world.shots) return;
  fs.mkdirSync(world.shots, { recursive: true });
  for (const page of [world.desk, world.phone, world.managerPhone]) {
    await page.mouse.move(0, 0);
    await page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
      for (const scrolled of document.querySelectorAll(".tasks")) scrolled.scrollTop = 0;
    });
  }
  await world.desk.screenshot({ path: path.join(world.shots, "board-desk.png") });
  await world.phone.screenshot({ path: path.join(world.shots, "board-phone.png") });
  await world.managerPhone.screenshot({ path: path.join(world.shots, "board-phone-manager.png") });
  log(`screenshots in ${world.shots}`);
}

async function main() {
  world.rest = restClient(world.base);
  world.admin = await world.rest.login(options.adminEmail, options.adminPassword);
  Object.assign(world, await seed(world.rest, world.admin));
  log("seeded users, suites and tasks");

  // launch() starts Chromium on a fresh temporary --user-data-dir of its
  // own; each context is an isolated profile, so sessions never mix.
  world.browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  world.contexts = {
    desk: await world.browser.newContext({ viewport: DESK }),
    phone: await world.browser.newContext(PHONE_CONTEXT),
    managerPhone: await world.browser.newContext(PHONE_CONTEXT),
  };
  world.desk = await signIn(world, world.contexts.desk, world.users.manager, "manager-desk");
  world.phone = await signIn(world, world.contexts.phone, world.users.staff, "staff-phone");
  world.managerPhone = await signIn(world, world.contexts.managerPhone, world.users.manager2, "manager-phone");
  await world.desk.getByRole("heading", { name: /^All tasks/ }).waitFor();
  await world.phone.getByRole("heading", { name: /^My tasks/ }).waitFor();
  log("manager (desk), housekeeper (phone) and manager (phone) signed in, all live");

  for (const scenario of SCENARIOS) {
    current = scenario.name;
    const started = Date.now();
    await scenario.run(world);
    log(`-- ${scenario.name}: passed in ${Date.now() - started} ms`);
  }
  current = "screenshots";
  await screenshots();
  check(world.pageErrors.length === 0, `errors in the pages: ${world.pageErrors.join("; ")}`);
  await finish(null);
}

main().catch((error) => finish(error));
