// Bundles the CLI into one CommonJS file, dist/cli.cjs, which bin/ loads with a V8 code cache
// (bin/code-cache.js): an ES module graph of ~40 chunks cost ~15 ms of resolving and linking at every
// start, and Node 20 can cache compiled code only for scripts. Commands and heavy packages sit
// in lazy sections of the file, run only when imported. tsc only type-checks.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { requireBuiltins, VENDOR_GROUPS, vendorEntry, vendorShims } from "./build-plugins.mjs";

rmSync("dist", { recursive: true, force: true });

const common = {
  metafile: true,
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  // Prefer ESM builds (e.g. @peculiar/x509 ships both and no "exports" map).
  mainFields: ["module", "main"],
  target: "node20",
  minify: true,
  // ASCII only (esbuild escapes the rest), so bin/code-cache.js can read the file as latin1, undecoded.
  charset: "ascii",
  legalComments: "none",
  logLevel: "warning",
};
// What Node's Module.wrap puts around a CommonJS file (bin/code-cache.js runs the bundle as that function).
const WRAPPER = "(function (exports, require, module, __filename, __dirname) { ";
const IMPORT_META_URL = 'var __importMetaUrl = require("node:url").pathToFileURL(__filename).href;';
const vendors = [];
const names = new Map();
for (const [group, specs] of Object.entries(VENDOR_GROUPS)) {
  const stdin = { contents: vendorEntry(specs), resolveDir: process.cwd(), sourcefile: `vendor-${group}.js` };
  const outfile = `dist/vendor/${group}.cjs`;
  // Some packages (ora's) call createRequire(import.meta.url), which a CommonJS file spells with __filename.
  const meta = { define: { "import.meta.url": "__importMetaUrl" }, banner: { js: IMPORT_META_URL } };
  vendors.push(await build({ ...common, ...meta, outdir: undefined, outfile, stdin }));
  const built = createRequire(import.meta.url)(resolve(`dist/vendor/${group}.cjs`)).vendor;
  for (const spec of specs) names.set(spec, Object.keys(built[spec]));
}
const cli = await build({
  ...common,
  entryPoints: { cli: "src/cli/main.ts" },
  plugins: [requireBuiltins, vendorShims(names)],
});

const body = readFileSync("dist/cli.cjs", "latin1");
// bin/code-cache.js runs the bundle as a script, which has no module loader behind import() (the vendor
// files are required the ordinary way).
if (/(^|[^\w$.])import\(/.test(body)) throw new Error("dist/cli.cjs: an import() was left in the bundle");

// V8 accepts a code cache for any source of the same length, so the cache must be keyed by the content:
// the first line names this build (bin/code-cache.js reads it). The file is the CommonJS wrapper function
// itself, written here once rather than joined to the source at every start (Module.wrap): that joined
// string, flattened to compile, was a second copy of the whole bundle on the young heap. Laid out
// as Module.wrap laid it out, so positions in stack traces do not move.
const id = createHash("sha256").update(body).digest("hex").slice(0, 16);
const wrapped = `${WRAPPER}// connectpay-cert build ${id}\n${body}\n})`;
writeFileSync("dist/cli.cjs", wrapped, "latin1");

// The bundle carries third-party code, so it carries their licences too: one file, from the packages
// esbuild actually put into dist/.
const packages = new Set();
for (const input of [cli, ...vendors].flatMap((r) => Object.keys(r.metafile.inputs))) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (m) packages.add(m[1]);
}
// Packages of one author often ship the very same licence text: it is written once, under all their names.
const byText = new Map();
for (const name of [...packages].sort()) {
  const dir = join("node_modules", name);
  const { version, license } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f)) : undefined;
  const text = file ? readFileSync(join(dir, file), "utf8").trim() : `License: ${license}`;
  byText.set(text, [...(byText.get(text) ?? []), `${name}@${version} (${license})`]);
}
const notices = [...byText].map(([text, names]) => `${names.join("\n")}\n\n${text}\n`);
writeFileSync("dist/THIRD_PARTY_LICENSES.txt", `${notices.join(`\n${"-".repeat(72)}\n\n`)}`);
