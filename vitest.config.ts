import { configDefaults, defineConfig } from "vitest/config";

// Load tests (thousands of connections, ~20 s of CPU on 2 cores) stay out of `npm test`, which is run after
// every change and must stay fast; `npm run test:load` runs them (vitest.load.config.ts), and .ci/run both.
export const LOAD_TESTS = "test/**/*-load.test.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: [...configDefaults.exclude, LOAD_TESTS],
    testTimeout: 20_000,
    globalSetup: ["test/global-setup.ts"],
    hookTimeout: 20_000,
    // One worker per core (the default, cores - 1, is a single worker on a 2-core machine, which left a
    // core idle while files waited on spawned processes and local servers). Three workers on 2 cores did no
    // better in paired runs and spent ~1.5 s more CPU loading the modules a third time. Forks, not threads:
    // tests set the umask and read the process's RSS, which threads would share.
    pool: "forks",
    maxWorkers: "100%",
    // Each file still gets its own fresh copy of its test module, but the source modules it imports (the
    // CLI, @peculiar/x509, node-forge) load once per worker instead of once per file: that import was half
    // the CPU time. Safe because tests hold no module-level state in src/ and no test mocks a module (the one
    // replaced function pair, node:dns' lookups in test/helpers/resolver.ts, is put back when its call ends).
    isolate: false,
    // The JSON report lets .ci/run print "N passed, N failed" for CI's record.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
