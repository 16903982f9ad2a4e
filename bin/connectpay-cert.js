#!/usr/bin/env node
// CommonJS (bin/package.json): --version answers before anything else loads (issue 16).
const argv = process.argv;
if (argv.length === 3 && (argv[2] === "--version" || argv[2] === "-V")) version();
else
  require("./code-cache.js").runCached(
    require("node:path").join(__dirname, "../dist/cli.cjs"),
    argv.slice(2),
    process.env,
  );

// Write failures end as src/cli/io.ts ends them: a reader gone (`| head`) is no error, a full disk is exit 2.
function version() {
  const fs = require("node:fs");
  try {
    fs.writeSync(1, `${require("../package.json").version}\n`);
  } catch (err) {
    if (err.code === "EPIPE") return;
    process.exitCode = 2;
    const why = err.message.replace(/^[A-Z0-9]+: /, "").replace(/, write$/, "");
    fs.writeSync(2, `connectpay-cert: cannot write to standard output: ${why} (${err.code}).\n`);
  }
}
