import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Most files wait on a spawned process or a local TLS server more than they compute, so more workers
    // than cores keep both cores busy (the default, cores - 1, is one worker on a 2-core machine). Forks,
    // not threads: tests set the umask and read the process's RSS, which threads would share.
    pool: "forks",
    maxWorkers: 3,
    // Each file still gets its own fresh copy of its test module, but the source modules it imports (the
    // CLI, @peculiar/x509, node-forge) load once per worker instead of once per file: that import was half
    // the CPU time. Safe because tests hold no module-level state in src/ and no test mocks a module.
    isolate: false,
    // The JSON report lets .ci/run print "N passed, N failed" for CI's record.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
