// Builds the files the apidocs plugin serves at /api/docs:
//   node build.mjs <docs/openapi.yaml> <output folder>
// - openapi.json: the OpenAPI document, converted once from the YAML source
//   (the YAML stays the one file people edit);
// - Swagger UI's browser bundle and stylesheet from swagger-ui-dist (pinned
//   by package-lock.json), copied as they are;
// - index.html and init.js: the page, with no inline script so the plugin's
//   Content-Security-Policy can forbid them.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import yaml from "js-yaml";

const [source, output] = process.argv.slice(2);
if (!source || !output) {
  console.error("usage: node build.mjs <openapi.yaml> <output folder>");
  process.exit(2);
}

const document = yaml.load(readFileSync(source, "utf8"));
if (!document || typeof document !== "object" || !document.openapi || !document.paths) {
  console.error(`${source}: not an OpenAPI document`);
  process.exit(1);
}

rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
writeFileSync(join(output, "openapi.json"), JSON.stringify(document));

const require = createRequire(import.meta.url);
const dist = require("swagger-ui-dist").getAbsoluteFSPath();
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) copyFileSync(join(dist, file), join(output, file));

// Absolute URLs: the page is served at /api/docs and at /api/docs/.
writeFileSync(join(output, "index.html"), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(document.info?.title ?? "API")} — API reference</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/api/docs/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
`);

writeFileSync(join(output, "init.js"), `// Swagger UI over this host's OpenAPI document. "Try it out" calls this
// same host; Authorize takes the accessToken from POST /api/auth/login.
window.ui = SwaggerUIBundle({
  url: "/api/docs/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  docExpansion: "list",
  defaultModelsExpandDepth: 0,
  displayRequestDuration: true,
  persistAuthorization: false,
  tryItOutEnabled: false,
  validatorUrl: "none",
});
`);

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
