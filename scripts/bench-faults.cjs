"use strict";
// Preloaded by npm run bench (node -r): at exit, writes this process's own page-fault counts (minor, major) from
// process.resourceUsage() to BENCH_FAULTS_FILE. Page faults are the one figure a loaded, shared machine
// measures exactly, so they stand beside every time the bench prints.
const file = process.env.BENCH_FAULTS_FILE;
if (file)
  process.on("exit", () => {
    const usage = process.resourceUsage();
    require("node:fs").writeFileSync(file, `${usage.minorPageFault} ${usage.majorPageFault}\n`);
  });
