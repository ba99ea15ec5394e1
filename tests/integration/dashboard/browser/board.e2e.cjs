// End-to-end run of the web board in headless Debian Chromium, driven by
// playwright-core (pinned in package-lock.json). Usage:
//   node board.e2e.cjs '<json options>'
// options: baseUrl, adminEmail, adminPassword, screenshotsDir (optional),
//          timeoutMs (optional, default 8000: the longest any single wait may take)
// Prints progress, then one JSON line {"ok":true,...} and exits 0, or
// {"ok":false,"error":...} and exits 1 (a screenshot of each page is kept in
// screenshotsDir on failure). Every wait is bounded.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const options = JSON.parse(process.argv[2] || "{}");
const base = options.baseUrl.replace(/\/$/, "");
const TIMEOUT = options.timeoutMs || 8000;
const OFFLINE_TIMEOUT = 20000; // ping interval + timeout of the test host, with margin
const shots = options.screenshotsDir || "";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                       "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const watchdog = setTimeout(() => finish(new Error("scenario timed out")), 180000);
const pages = [];
const pageErrors = [];
let browser;

function log(message) {
  console.log(`[e2e] ${message}`);
}

async function finish(error, summary = {}) {
  clearTimeout(watchdog);
  if (error && shots) {
    for (const [name, page] of pages) {
      await page.screenshot({ path: path.join(shots, `failure-${name}.png`), fullPage: true }).catch(() => {});
    }
  }
  if (browser) await browser.close().catch(() => {});
  if (error) {
    console.log(JSON.stringify({ ok: false, error: String(error && error.stack ? error.stack : error) }));
    process.exit(1);
  }
  console.log(JSON.stringify({ ok: true, ...summary }));
  process.exit(0);
}

async function api(token, method, route, body) {
  const response = await fetch(base + route, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${route} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const login = async (email, password) => (await api(null, "POST", "/api/auth/login", { email, password })).accessToken;

/// Users, suites and a few tasks, so the board looks like a working morning.
async function seed(admin) {
  const users = {
    manager: { email: "maria@motel.test", name: "Maria Lopez", password: "manager-password-1", role: "manager" },
    staff: { email: "sam@motel.test", name: "Sam Carter", password: "staff-password-1", role: "staff" },
    other: { email: "lee@motel.test", name: "Lee Wong", password: "staff-password-2", role: "staff" },
  };
  for (const user of Object.values(users)) user.id = (await api(admin, "POST", "/api/users", user)).id;
  const suites = {};
  const layout = [
    [1, ["101", "102", "103", "104", "105", "106", "107", "108"]],
    [2, ["201", "202", "203", "204", "205", "206", "207", "208"]],
    [3, ["301", "302", "303", "304", "305", "306"]],
  ];
  const occupied = new Set(["101", "103", "104", "106", "202", "203", "205", "207", "302", "305"]);
  for (const [floor, numbers] of layout) {
    for (const number of numbers) {
      const type = floor === 3 ? "deluxe" : "standard";
      suites[number] = await api(admin, "POST", "/api/suites", {
        number, floor, type, occupancy: occupied.has(number) ? "occupied" : "vacant",
      });
    }
  }
  await api(admin, "PATCH", `/api/suites/${suites["102"].id}`, { condition: "dirty" });
  await api(admin, "PATCH", `/api/suites/${suites["201"].id}`, { condition: "dirty" });
  await api(admin, "POST", "/api/tasks", { title: "Clean suite 102", type: "cleaning", suiteId: suites["102"].id,
                                            assigneeId: users.other.id });
  await api(admin, "POST", "/api/tasks", { title: "Clean suite 201", type: "cleaning", suiteId: suites["201"].id,
                                            priority: "high" });
  await api(admin, "POST", "/api/tasks", { title: "Fix the shower drain", type: "maintenance",
                                            suiteId: suites["304"].id, blocksSuite: true, priority: "urgent" });
  await api(admin, "POST", "/api/tasks", { title: "Replace hallway bulbs", type: "other", priority: "low",
                                            assigneeId: users.staff.id });
  return { users, suites };
}

async function signIn(context, user, name) {
  const page = await context.newPage();
  pages.push([name, page]);
  page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(base + "/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await linkState(page, "Live");
  return page;
}

const linkState = (page, text, timeout = TIMEOUT) =>
  page.getByRole("status").filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout });
const suiteCard = (page, number) => page.getByRole("article", { name: `Suite ${number}`, exact: true });
const taskItem = (page, title) => page.getByRole("listitem", { name: title, exact: true });
const fieldIs = (card, field, value) =>
  card.locator(`[data-field="${field}"]`).filter({ hasText: new RegExp(`^${value}$`) }).waitFor();

/// Milliseconds from `start` until `waiting` resolves.
async function timed(waiting) {
  const started = Date.now();
  await waiting;
  return Date.now() - started;
}

async function main() {
  const admin = await login(options.adminEmail, options.adminPassword);
  const { users, suites } = await seed(admin);
  log("seeded users, suites and tasks");

  // launch() starts Chromium on a fresh temporary --user-data-dir of its
  // own (and removes it on close).
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  // Each context is a fresh, isolated profile (Playwright gives every
  // context its own storage), so the two users never share a session.
  const managerContext = await browser.newContext({ viewport: DESK });
  const staffContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true,
                                                  deviceScaleFactor: 2 });
  const desk = await signIn(managerContext, users.manager, "manager-desk");
  const phone = await signIn(staffContext, users.staff, "staff-phone");
  await desk.getByRole("heading", { name: /^All tasks/ }).waitFor();
  await phone.getByRole("heading", { name: /^My tasks/ }).waitFor();
  log("manager (desk) and staff (phone) signed in, both live");

  // The manager checks suite 104 out; the staff member's phone shows the new
  // cleaning task without a reload.
  const deskCard = suiteCard(desk, "104");
  await fieldIs(deskCard, "occupancy", "occupied");
  const taskShown = taskItem(phone, "Clean suite 104").waitFor();
  const checkedOut = Date.now();
  await deskCard.getByRole("button", { name: "Check out" }).click();
  await taskShown;
  const taskLatencyMs = Date.now() - checkedOut;
  await fieldIs(deskCard, "condition", "dirty");
  await fieldIs(deskCard, "openTasks", "1");
  log(`check-out of 104: the cleaning task appeared on the phone after ${taskLatencyMs} ms`);

  // The staff member starts and completes it; the manager's board turns clean.
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

  // Cut the phone's real-time link: 'Offline' shows; a change made meanwhile
  // appears once the link is back (recovered events or a refetch), no reload.
  await staffContext.setOffline(true);
  const offlineMs = await timed(linkState(phone, "Offline", OFFLINE_TIMEOUT));
  log(`phone offline: indicator shown after ${offlineMs} ms`);
  const manager = await login(users.manager.email, users.manager.password);
  await api(manager, "PATCH", `/api/suites/${suites["205"].id}`, { occupancy: "vacant" });
  await suiteCard(desk, "205").locator('[data-field="condition"]').filter({ hasText: /^dirty$/ }).waitFor();
  await staffContext.setOffline(false);
  const recoveredMs = await timed(linkState(phone, "Live", OFFLINE_TIMEOUT));
  await taskItem(phone, "Clean suite 205").waitFor();
  await fieldIs(suiteCard(phone, "205"), "condition", "dirty");
  log(`phone back online after ${recoveredMs} ms; the check-out of 205 made while offline is shown`);

  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    await desk.screenshot({ path: path.join(shots, "board-desk.png") });
    await phone.screenshot({ path: path.join(shots, "board-phone.png") });
    log(`screenshots in ${shots}`);
  }
  if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join("; ")}`);
  await finish(null, { taskLatencyMs, cleanLatencyMs, offlineMs, recoveredMs });
}

main().catch((error) => finish(error));
