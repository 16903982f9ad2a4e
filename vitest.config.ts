import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The JSON report lets .ci/run print "N passed, N failed" for CI's record.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
