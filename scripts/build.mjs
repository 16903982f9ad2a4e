// Bundles the CLI into two CommonJS files, which bin/ loads with a V8 code cache (bin/code-cache.js): an ES
// module graph of ~40 chunks cost ~15 ms of resolving and linking at every start, and Node 20 can cache
// compiled code only for scripts. dist/cli.cjs holds what `check` runs, dist/full.cjs the rest of the CLI
// (scripts/build-split.mjs says why and how they share modules). What only some inputs need sits in lazy
// sections, run only when imported; packages only some commands use in dist/vendor/. tsc only type-checks.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { lazyChildProcess, requireBuiltins, VENDOR_GROUPS, vendorEntry, vendorShims } from "./build-plugins.mjs";
import { exportNames, fullLoader, modulesOf, SHARED_PARAM, sharedImports, tiers } from "./build-split.mjs";

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
const WRAPPER_PARAMS = "exports, require, module, __filename, __dirname";
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
const plugins = [requireBuiltins, vendorShims(names)];
const MAIN = { cli: "src/cli/main.ts" };
// First what `check`'s file holds, then the rest of the CLI built around it, then check's file with the
// table of what the rest takes from it.
const first = await build({ ...common, write: false, entryPoints: MAIN, plugins: [...plugins, fullLoader()] });
const inCli = modulesOf(first.metafile);
const exportsOf = await exportNames(build, inCli);
const full = await build({
  ...common,
  entryPoints: { full: "src/cli/program.ts" },
  plugins: [...plugins, lazyChildProcess, sharedImports(exportsOf)],
});
// A warning here is a name full.cjs would read as undefined (an import * of a shared module, say).
if (full.warnings.length) throw new Error(`split: dist/full.cjs built with ${full.warnings.length} warning(s)`);
const taken = Object.keys(full.metafile.inputs)
  .filter((p) => p.startsWith("shared:"))
  .map((p) => [p.slice(7), exportsOf.get(p.slice(7))]);
const cli = await build({
  ...common,
  entryPoints: MAIN,
  plugins: [...plugins, fullLoader(taken, tiers(first.metafile, full.metafile))],
});
const inBoth = [...modulesOf(full.metafile)].filter((p) => inCli.has(p));
const grown = [...modulesOf(cli.metafile)].filter((p) => !inCli.has(p));
if (inBoth.length || grown.length) throw new Error(`split: in both files ${inBoth}; added by the table ${grown}`);

const bodies = ["cli", "full"].map((name) => readFileSync(`dist/${name}.cjs`, "latin1"));
// bin/code-cache.js runs the bundles as scripts, which have no module loader behind import() (the vendor
// files are required the ordinary way).
for (const body of bodies)
  if (/(^|[^\w$.])import\(/.test(body)) throw new Error("dist/: an import() was left in a bundle");
// bin/code-cache.js hands a bundle a require that knows built-ins and this package's own files, by a literal
// name: anything else (another path, a computed name, require.resolve) is refused here.
const ALLOWED_REQUIRE = /^(node:[\w/]+|\.\/vendor\/[\w-]+\.cjs|\.\.\/bin\/code-cache\.js)$/;
for (const body of bodies) {
  const refused = [...body.matchAll(/\brequire\("([^"]*)"\)/g)]
    .map((m) => m[1])
    .filter((id) => !ALLOWED_REQUIRE.test(id));
  const computed = body.match(/\brequire(\.\w|\((?!"))/);
  if (refused.length || computed)
    throw new Error(`dist/: a bundle requires ${[...refused, ...(computed ?? [])]} (only node: and its own files)`);
}

// V8 accepts a code cache for any source of the same length, so the cache must be keyed by the content:
// the first line names this build (bin/code-cache.js reads it). The file is the CommonJS wrapper function
// itself, written here once rather than joined to the source at every start (Module.wrap): that joined
// string, flattened to compile, was a second copy of the whole bundle on the young heap. Laid out
// as Module.wrap laid it out, so positions in stack traces do not move.
// One id for both files: dist/full.cjs reads modules of this very dist/cli.cjs by name.
const id = createHash("sha256").update(bodies.join("\0")).digest("hex").slice(0, 16);
const wrap = (params, body) => `(function (${params}) { // connectpay-cert build ${id}\n${body}\n})`;
writeFileSync("dist/cli.cjs", wrap(WRAPPER_PARAMS, bodies[0]), "latin1");
writeFileSync("dist/full.cjs", wrap(`${WRAPPER_PARAMS}, ${SHARED_PARAM}`, bodies[1]), "latin1");

// The bundle carries third-party code, so it carries their licences too: one file, from the packages
// esbuild actually put into dist/.
const packages = new Set();
for (const input of [cli, full, ...vendors].flatMap((r) => Object.keys(r.metafile.inputs))) {
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
