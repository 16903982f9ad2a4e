// Imports a TypeScript module of src/ from a script: esbuild bundles it in memory (Node 20 runs no .ts).
import { build } from "esbuild";

export async function importTs(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    logLevel: "warning",
    // Bundled CommonJS packages (commander) call require(); a data: URL module has none of its own.
    banner: {
      js: 'import { createRequire as __importTsRequire } from "node:module"; const require = __importTsRequire(process.cwd() + "/");',
    },
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}
