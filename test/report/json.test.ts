import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// The same intermediate and root in several roles: on the path, reversed, and without their leaf.
const FILES: [string, string][] = [
  ["a.pem", "good/chain.pem"],
  ["b.pem", "chain/reversed.pem"],
  ["c.pem", "good/chain.pem"],
  ["d.pem", "chain/no-leaf.pem"],
  ["e.pem", "chain/leaf-and-intermediate.pem"],
  ["f.pem", "good/chain.pem"],
];
const AT = ["--at", "2030-01-01"];
const dir = mkdtempSync(join(tmpdir(), "json-shared-"));
for (const [name, fixture] of FILES) copyFileSync(`${FIXTURES}${fixture}`, join(dir, name));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("check --json over bundles that share their CAs", () => {
  it("writes the results exactly as JSON.stringify would, two spaces deep (the summary on one line)", async () => {
    const { code, stdout } = await runCli(["check", "--json", dir, ...AT]);
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    const expected = JSON.stringify({ ...doc, summary: "S" }, null, 2).replace('"S"', JSON.stringify(doc.summary));
    expect(stdout).toBe(`${expected}\n`);
  });

  it("gives each file the certificates it gets when checked alone, whatever the files before it held", async () => {
    const together = JSON.parse((await runCli(["check", "--json", dir, ...AT])).stdout);
    for (const [i, [name]] of FILES.entries()) {
      const alone = JSON.parse((await runCli(["check", "--json", join(dir, name), ...AT])).stdout);
      expect(together.results[i].input).toBe(join(dir, name));
      expect(together.results[i].certificates).toEqual(alone.results[0].certificates);
      expect(together.results[i].findings).toEqual(alone.results[0].findings);
    }
  });
});
