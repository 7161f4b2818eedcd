// Runs SPARQL queries, as written, in Comunica over one Turtle file loaded once (an N3.js store),
// and prints {query file: results} for tests/test_queries.py: SPARQL JSON results parsed, or with
// RESULTS_MEDIA set (text/csv, text/tab-separated-values) Comunica's own serialization as a string.
// Usage: node comunica_rows.mjs DATA.ttl Q.rq...
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const require = createRequire(resolve(process.env.COMUNICA_MODULES, "package.json"));
const { QueryEngine } = require("@comunica/query-sparql-file");
const N3 = require("n3");

const media = process.env.RESULTS_MEDIA || "application/sparql-results+json";
const [data, ...queries] = process.argv.slice(2);
const store = new N3.Store(new N3.Parser({ format: "text/turtle" }).parse(readFileSync(data, "utf8")));
const engine = new QueryEngine();
const out = {};
for (const file of queries) {
  const result = await engine.query(readFileSync(file, "utf8"), { sources: [store] });
  const { data: stream } = await engine.resultToString(result, media);
  let text = "";
  for await (const chunk of stream) text += chunk;
  out[file] = media.endsWith("json") ? JSON.parse(text) : text;
}
process.stdout.write(JSON.stringify(out));
