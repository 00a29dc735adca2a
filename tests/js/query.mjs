// Run one SPARQL query with Comunica against a SPARQL endpoint and print the bindings as JSON.
// Usage: node query.mjs ENDPOINT_URL QUERY_FILE...
// Output: one line per file: {"rows": [{var: {"type": "uri"|"literal"|"bnode", "value": ..., "lang"?, "datatype"?}}]}
import { readFileSync } from "node:fs";
import { QueryEngine } from "@comunica/query-sparql";

const [endpoint, ...files] = process.argv.slice(2);
const engine = new QueryEngine();

function term(t) {
  if (t.termType === "NamedNode") return { type: "uri", value: t.value };
  if (t.termType === "BlankNode") return { type: "bnode", value: t.value };
  const out = { type: "literal", value: t.value };
  if (t.language) out.lang = t.language;
  else if (t.datatype && t.datatype.value !== "http://www.w3.org/2001/XMLSchema#string") out.datatype = t.datatype.value;
  return out;
}

try {
  for (const file of files) {
  const query = readFileSync(file, "utf8");
  const stream = await engine.queryBindings(query, {
    sources: [{ type: "sparql", value: endpoint }],
    lenient: false,
  });
  const rows = [];
  for await (const b of stream) {
    const row = {};
    for (const [v, t] of b) row[v.value] = term(t);
    rows.push(row);
  }
  process.stdout.write(JSON.stringify({ rows }) + "\n");
  }
} catch (err) {
  process.stderr.write(String(err && err.stack || err) + "\n");
  process.exit(1);
}
