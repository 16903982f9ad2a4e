// Bundles the CLI so `npx connectpay-cert` starts without walking hundreds of modules.
// Commands are split into chunks loaded on demand (see src/cli/program.ts); tsc only type-checks.
import { build } from "esbuild";

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
  banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
});
