import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // The bin's code cache (bin/code-cache.js) goes inside the project, not into the user's ~/.cache.
    env: { CONNECTPAY_CERT_CACHE: resolve("node_modules/.cache/connectpay-cert-test") },
    hookTimeout: 20_000,
    // The JSON report lets .ci/run print "N passed, N failed" for CI's record.
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
  },
});
