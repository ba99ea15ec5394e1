// Opens /api/docs in headless Debian Chromium (playwright-core) and checks
// that the page lists every operation of the OpenAPI document it serves,
// without a script error or a Content-Security-Policy violation.
//   node render-docs.cjs http://127.0.0.1:PORT
// Prints one JSON line {"documented":n,"rendered":n,"missing":[...],"errors":[...]}
// and exits 0 only when nothing is missing and there were no errors.
const { chromium } = require("playwright-core");

const METHODS = ["get", "post", "put", "patch", "delete"];

(async () => {
  const base = process.argv[2];
  const watchdog = setTimeout(() => { console.log(JSON.stringify({ error: "timeout" })); process.exit(1); }, 90000);
  const document = await (await fetch(`${base}/api/docs/openapi.json`)).json();
  const documented = [];
  for (const [path, item] of Object.entries(document.paths))
    for (const method of Object.keys(item)) if (METHODS.includes(method)) documented.push(`${method.toUpperCase()} ${path}`);

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  const errors = [];
  try {
    const page = await browser.newPage();
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
    page.on("console", (message) => { if (message.type() === "error") errors.push(`console: ${message.text()}`); });
    page.on("response", (answer) => { if (answer.status() >= 400) errors.push(`${answer.status()} ${answer.url()}`); });
    const response = await page.goto(`${base}/api/docs`, { waitUntil: "load" });
    if (!response || response.status() !== 200) errors.push(`GET /api/docs: ${response && response.status()}`);
    await page.waitForSelector(".opblock", { timeout: 30000 });
    const rendered = await page.$$eval(".opblock", (blocks) => blocks.map((block) => {
      const method = block.querySelector(".opblock-summary-method")?.textContent?.trim() ?? "";
      const pathElement = block.querySelector(".opblock-summary-path");
      const path = pathElement?.getAttribute("data-path") ?? pathElement?.textContent?.trim() ?? "";
      return `${method.toUpperCase()} ${path.replace(/\u200b/g, "")}`;
    }));
    const title = await page.$eval(".info .title", (element) => element.textContent.trim()).catch(() => "");
    const missing = documented.filter((operation) => !rendered.includes(operation));
    console.log(JSON.stringify({ title, documented: documented.length, rendered: rendered.length, missing, errors }));
    clearTimeout(watchdog);
    process.exitCode = missing.length === 0 && errors.length === 0 && documented.length > 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
})().catch((error) => { console.log(JSON.stringify({ error: String(error && error.stack || error) })); process.exit(1); });
