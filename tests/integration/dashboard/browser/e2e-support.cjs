// Helpers shared by the board's e2e scenarios: the REST client used for
// setup and checks, signing in a browser page, and locators that find the
// board's parts the way a user (or a screen reader) does: by role and name.
"use strict";

const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PHONE_CONTEXT = { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

function log(message) {
  console.log(`[e2e] ${message}`);
}

function check(condition, message) {
  if (!condition) throw new Error(`check failed: ${message}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function restClient(base) {
  async function call(token, method, route, body) {
    const response = await fetch(base + route, {
      method,
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${route} -> ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }
  const login = async (email, password) => (await call(null, "POST", "/api/auth/login", { email, password })).accessToken;
  return { call, login };
}

async function signIn(world, context, user, name) {
  const page = await context.newPage();
  world.pages.push([name, page]);
  page.on("pageerror", (error) => world.pageErrors.push(`${name}: ${error.message}`));
  page.setDefaultTimeout(world.timeout);
  await page.goto(world.base + "/");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await linkState(page, "Live");
  return page;
}

const linkState = (page, text, timeout) =>
  page.getByRole("status").filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout });
const suiteCard = (page, number) => page.getByRole("article", { name: `Suite ${number}`, exact: true });
const taskItem = (page, title) => page.getByRole("listitem", { name: title, exact: true });
const dialog = (page, name) => page.getByRole("dialog", { name, exact: true });
const fieldIs = (scope, field, value) =>
  scope.locator(`[data-field="${field}"]`).filter({ hasText: new RegExp(`^${value}$`) }).first().waitFor();
/// The shown failure (in the open dialog when there is one: the page behind it is inert).
const alertText = (page) => page.locator(".banner.error[role=alert]").last();

/// Milliseconds until `waiting` resolves.
async function timed(waiting) {
  const started = Date.now();
  await waiting;
  return Date.now() - started;
}

/// Waits until `probe()` returns a truthy value (polling), or fails with `what`.
async function eventually(probe, what, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

module.exports = {
  DESK, PHONE, PHONE_CONTEXT, log, check, sleep, restClient, signIn, linkState, suiteCard, taskItem, dialog, fieldIs,
  alertText, timed, eventually,
};
