import { defineConfig } from "vitest/config";
import { LOAD_TESTS } from "./vitest.config.js";

// `npm run test:load`: the load tests that `npm test` leaves out, with a JSON report of their own so that
// .ci/run counts them with the rest.
export default defineConfig({
  test: {
    include: [LOAD_TESTS],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Forks: the memory test reads the process's RSS, which threads would share.
    pool: "forks",
    reporters: ["default", "json"],
    outputFile: { json: "test-results-load.json" },
  },
});
