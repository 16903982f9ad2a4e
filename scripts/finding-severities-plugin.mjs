// The finding registry (src/core/findings/) holds each id's severity and its texts: title, description,
// why, fix, source. docs/findings.md and the tests read the texts; the CLI only needs the
// severities (src/core/findings/finding.ts). This esbuild plugin loads each area file of the registry and hands the
// bundle the same exports with the severity fields only, so the texts (about 37 KB) stay out of dist/
// and the package keeps to its size budget (test/package.test.ts). Product code must not read a text
// field of a definition, except through texts.ts: `explain` imports it on demand, and this plugin turns it
// into the full registry as data, which esbuild puts in a chunk of its own that only `explain` loads.
import { gzipSync } from "node:zlib";
import { importTs } from "./import-ts.mjs";

// esbuild filters are Go regular expressions (no lookahead): the two non-area files are skipped in onLoad.
const FOLDER = /[\\/]src[\\/]core[\\/]findings[\\/][a-z-]+\.ts$/;
const NOT_AREA = /[\\/](registry|definition|finding)\.ts$/;
const TEXTS = /[\\/]texts\.ts$/;
const REGISTRY = new URL("../src/core/findings/registry.ts", import.meta.url).pathname;

const slim = (definitions) =>
  Object.fromEntries(
    Object.entries(definitions).map(([id, d]) => [
      id,
      d.escalation
        ? { severity: d.severity, escalation: { severity: d.escalation.severity } }
        : { severity: d.severity },
    ]),
  );

export const findingSeverities = {
  name: "finding-severities",
  setup(b) {
    b.onLoad({ filter: FOLDER }, async (args) => {
      if (TEXTS.test(args.path)) {
        // Gzipped (about 46 KB of JSON becomes 13 KB of base64): the package has a size budget.
        const { FINDINGS } = await importTs(REGISTRY);
        const packed = gzipSync(JSON.stringify(FINDINGS), { level: 9 }).toString("base64");
        return {
          contents: `import { gunzipSync } from "node:zlib";\nexport const FINDING_TEXTS = JSON.parse(gunzipSync(Buffer.from("${packed}", "base64")).toString("utf8"));`,
          loader: "js",
        };
      }
      if (NOT_AREA.test(args.path)) return undefined;
      const area = await importTs(args.path);
      const exports = Object.entries(area).map(
        ([name, defs]) => `export const ${name} = ${JSON.stringify(slim(defs))};`,
      );
      return { contents: exports.join("\n"), loader: "js" };
    });
  },
};
