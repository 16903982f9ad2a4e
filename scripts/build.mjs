// Bundles the CLI so `npx connectpay-cert` starts without walking hundreds of modules.
// Commands are split into chunks loaded on demand (see src/cli/program.ts); tsc only type-checks.
import { rmSync } from "node:fs";
import { build } from "esbuild";

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

await build({
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
  legalComments: "linked",
  logLevel: "warning",
  // Bundled CommonJS dependencies (commander) call require() for Node built-ins.
  plugins: [lazyChildProcess],
  banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
});
