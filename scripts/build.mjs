// Bundles the CLI so `npx connectpay-cert` starts without walking hundreds of modules.
// Commands are split into chunks loaded on demand (see src/cli/program.ts); tsc only type-checks.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { findingSeverities } from "./finding-severities-plugin.mjs";

rmSync("dist", { recursive: true, force: true });

// commander requires node:child_process at load time for executable subcommands, which we never use;
// a lazy stand-in keeps that module (about 6 ms) out of every start-up.
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.includes("commander") ? { path: "lazy-child-process", namespace: "lazy" } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, k) => require("node:child_process")[k] });',
      loader: "js",
    }));
  },
};

const result = await build({
  metafile: true,
  entryPoints: ["src/cli/main.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // Prefer ESM builds (e.g. @peculiar/x509 ships both and no "exports" map).
  mainFields: ["module", "main"],
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins.
  plugins: [lazyChildProcess, findingSeverities],
  banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
});

// The bundle carries third-party code, so it carries their licences too: one file, from the packages
// esbuild actually put into dist/.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
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
