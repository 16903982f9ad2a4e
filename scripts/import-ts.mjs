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
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}
