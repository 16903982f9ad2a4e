import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES } from "../helpers/cli.js";

// Found in review: an error re-graded to a warning by the config file is reported as "silenced" in the verdict
// line, while the footer of the same report says that 0 findings were silenced by that file.
describe("a re-graded error", () => {
  it("is counted the same way in the verdict line and in the footer", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-review-regrade-`);
    writeFileSync(`${dir}/connectpay-cert.config.json`, '{"findings":{"validity.expired":"warning"}}');
    const res = await execa("node", [BIN, "check", `${FIXTURES}validity/expired-leaf.pem`, "--at", "2030-01-01"], {
      cwd: dir,
      reject: false,
    });
    expect(res.stdout).toMatch(/accepted only because 1 error was silenced by connectpay-cert\.config\.json/);
    expect(res.stdout).not.toMatch(/\b0 finding\(s\) silenced/);
  });
});
