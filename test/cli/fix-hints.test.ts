import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { makeClientChain } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";

// Every command fix suggests must be one that can work: no --fetch-missing without a URL to fetch, and
// the run's own flags (--ca-file, -o, --no-system-roots) kept.
const dir = mkdtempSync(`${tmpdir()}/cpc-fix-hints-`);
let leafOnly: string;
beforeAll(async () => {
  const chain = await makeClientChain("Hint Co");
  leafOnly = `${dir}/leaf-only.pem`;
  writeFileSync(leafOnly, chain.leaf.pem);
});

const hintOf = (stdout: string) =>
  JSON.parse(stdout).findings.find((f: { id: string }) => f.id === "chain.incomplete").hint as string;

describe("fix's suggested commands", () => {
  it("never suggests --fetch-missing for a leaf that names no CA Issuers URL", async () => {
    const res = await runCli(["fix", leafOnly, "--json"]);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc.gaps[0]).toMatch(/names no CA Issuers URL/);
    const hint = hintOf(res.stdout);
    expect(hint).not.toContain("--fetch-missing");
    expect(hint).toMatch(/`connectpay-cert fix .*leaf-only\.pem --ca-file downloaded\.pem -o fixed\.pem`/);
  });

  it("keeps the user's own --ca-file and --no-system-roots", async () => {
    const args = ["fix", "fixtures/good/leaf.pem", "--ca-file", "fixtures/chain/other-root.pem"];
    const res = await runCli([...args, "-o", `${dir}/out.pem`, "--no-system-roots", "--json", "--at", "2030-01-01"]);
    expect(res.code).toBe(1);
    expect(hintOf(res.stdout)).toBe(
      `Add the missing certificates from your CA's download page, or let the tool find them: \`connectpay-cert fix fixtures/good/leaf.pem --fetch-missing -o fixed.pem --ca-file fixtures/chain/other-root.pem --no-system-roots\`.`,
    );
  });

  it("after a failed --fetch-missing with --ca-file, says to add the download to that file", async () => {
    const args = ["fix", leafOnly, "--fetch-missing", "--ca-file", "fixtures/chain/other-root.pem", "--json"];
    const res = await runCli(args);
    expect(res.code).toBe(1);
    const hint = hintOf(res.stdout);
    expect(hint).not.toMatch(/connectpay-cert fix [^`]*--fetch-missing/);
    expect(hint).toMatch(/--ca-file fixtures\/chain\/other-root\.pem/);
  });
});
