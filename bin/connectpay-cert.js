#!/usr/bin/env node
// CommonJS (bin/package.json): --version answers before anything else loads (issue 16).
const argv = process.argv;
if (argv.length === 3 && (argv[2] === "--version" || argv[2] === "-V"))
  require("node:fs").writeSync(1, `${require("../package.json").version}\n`);
else
  require("./code-cache.js").runCached(
    require("node:path").join(__dirname, "../dist/cli.cjs"),
    argv.slice(2),
    process.env,
  );
