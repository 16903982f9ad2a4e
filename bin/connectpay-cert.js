#!/usr/bin/env node
// --version answers before the CLI loads: scripts call it often and it should cost no more than node.
if (process.argv.length === 3 && (process.argv[2] === "--version" || process.argv[2] === "-V")) {
  const { readFileSync } = await import("node:fs");
  console.log(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
} else await (await import("../dist/main.js")).main();
