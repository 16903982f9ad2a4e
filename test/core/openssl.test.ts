import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// OpenSSL is an independent implementation: where it and we judge the same chain, we must agree.
async function opensslVerify(bundle: string): Promise<{ ok: boolean; output: string }> {
  const { readFileSync, writeFileSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const blocks: string[] =
    readFileSync(bundle, "utf8").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
  const dir = mkdtempSync(`${tmpdir()}/cpc-ossl-`);
  writeFileSync(`${dir}/leaf.pem`, blocks[0]);
  writeFileSync(`${dir}/untrusted.pem`, blocks.slice(1, -1).join("") || blocks[0]);
  writeFileSync(`${dir}/root.pem`, blocks.at(-1) ?? "");
  const attime = String(Date.UTC(2030, 0, 1) / 1000);
  const args = ["verify", "-purpose", "sslclient", "-attime", attime, "-CAfile", `${dir}/root.pem`];
  const res = await execa("openssl", [...args, "-untrusted", `${dir}/untrusted.pem`, `${dir}/leaf.pem`], {
    reject: false,
  });
  return { ok: res.exitCode === 0, output: `${res.stdout}${res.stderr}` };
}

describe("openssl verify agrees with check", () => {
  it.each([
    ["good/chain.pem", true],
    ["signature/bad-signature.pem", false],
    ["validity/expired-leaf.pem", false],
    ["leaf/server-auth-only.pem", false],
    ["ca/not-ca.pem", false],
    ["ca/path-length.pem", false],
    // DER defects (issue 12): OpenSSL refuses these to load or use, so check refuses them too …
    ["der/serial-padded.pem", false],
    ["der/serial-empty.pem", false],
    ["der/date-feb-30.pem", false],
    ["der/utctime-no-seconds.pem", false],
    ["der/generalizedtime-fraction.pem", false],
    ["der/pathlen-negative.pem", false],
    // … and loads and verifies these, where check only warns (cert.non-der).
    ["der/critical-false.pem", true],
    ["der/extension-trailing.pem", true],
    ["der/printable-string.pem", true],
    ["der/ia5-non-ascii.pem", true],
    ["der/san-ip.pem", true],
  ])("%s → accepted: %s", async (file, accepted) => {
    const ours = await runCli(["check", `fixtures/${file}`, "--json", "--at", "2030-01-01"]);
    const theirs = await opensslVerify(`${FIXTURES}${file}`);
    expect(JSON.parse(ours.stdout).ok).toBe(accepted);
    expect(theirs.ok, theirs.output).toBe(accepted);
  });

  it("names the same defect as openssl for a broken signature", async () => {
    const theirs = await opensslVerify(`${FIXTURES}signature/bad-signature.pem`);
    expect(theirs.output).toMatch(/certificate signature failure/);
  });
});
