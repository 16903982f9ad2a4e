#!/usr/bin/env node
// CommonJS (bin/package.json): --version answers before any ES module loader starts (~5 ms, issue 16).
const argv = process.argv;
if (argv.length === 3 && (argv[2] === "--version" || argv[2] === "-V"))
  require("node:fs").writeSync(1, `${require("../package.json").version}\n`);
else import("../dist/main.js").then((cli) => cli.main());
