// Validates an OpenAPI document with @apidevtools/swagger-parser (the
// OpenAPI 3.0 schema plus its own checks: unique operation ids, resolvable
// $refs, path parameters declared, ...). Takes files or URLs:
//   node lint-openapi.cjs docs/openapi.yaml http://127.0.0.1:PORT/api/docs/openapi.json
// Prints one line per document and exits 1 on the first invalid one.
const SwaggerParser = require("@apidevtools/swagger-parser");

async function load(source) {
  if (!/^https?:/.test(source)) return source; // the parser reads files (YAML or JSON) itself
  const response = await fetch(source);
  if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
  return await response.json();
}

(async () => {
  const sources = process.argv.slice(2);
  if (sources.length === 0) {
    console.error("usage: node lint-openapi.cjs <file or URL>...");
    process.exit(2);
  }
  for (const source of sources) {
    try {
      const api = await SwaggerParser.validate(await load(source));
      const operations = Object.values(api.paths).reduce(
        (n, item) => n + Object.keys(item).filter((k) => ["get", "post", "put", "patch", "delete"].includes(k)).length, 0);
      console.log(`valid: ${source} (OpenAPI ${api.openapi}, ${operations} operations)`);
    } catch (error) {
      console.log(`INVALID: ${source}: ${error.message}`);
      process.exit(1);
    }
  }
})();
