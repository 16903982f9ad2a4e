import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

const github = (args: string[], cwd?: string) =>
  runCli(["check", ...args, "--format", "github", "--at", "2030-01-01"], { cwd });

/** GitHub's own decoding of a workflow-command property (the runner's unescapeProperty). */
const unescapeProperty = (s: string) =>
  s.replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");

describe("--format github annotations", () => {
  it("point at the BEGIN line of the certificate, or of the block, a finding is about", async () => {
    const res = await github(["fixtures/chain/reversed.pem"]);
    expect(res.stdout).toMatch(
      /^::error file=fixtures\/chain\/reversed\.pem,line=28,title=connectpay-cert chain\.reversed::/m,
    );
    const dir = mkdtempSync(`${tmpdir()}/cpc-gh-block-`);
    writeFileSync(
      `${dir}/b.pem`,
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n\n-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n",
    );
    const block = await github([`${dir}/b.pem`]);
    expect(block.stdout).toMatch(/^::error file=[^,]+,line=5,title=connectpay-cert format\.unexpected-block::/m);
  });

  it("name the file relative to the repository root, from a subfolder too", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-gh-root-`);
    mkdirSync(`${dir}/.git`);
    mkdirSync(`${dir}/certs/prod`, { recursive: true });
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/certs/prod/chain.pem`);
    const res = await github(["prod/chain.pem"], `${dir}/certs`);
    expect(res.stdout).toMatch(/^::error file=certs\/prod\/chain\.pem,line=28,/m);
  });

  it("keep a tab, `%`, `:` and `,` of a file name as GitHub decodes them, so the annotation matches the file", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-gh-names-`);
    mkdirSync(`${dir}/.git`);
    const name = "a\tb%c:d,e.pem";
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/${name}`);
    const res = await github([name], dir);
    const file = /^::error file=([^,]*),line=28,/m.exec(res.stdout)?.[1];
    expect(file && unescapeProperty(file)).toBe(name);
  });

  it("still show an ESC in a file name as text: it would act on whatever shows the log", async () => {
    const dir = mkdtempSync(`${tmpdir()}/cpc-gh-esc-`);
    copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/x\u001b[31m.pem`);
    const res = await github([`${dir}/x\u001b[31m.pem`]);
    expect(res.stdout).not.toContain("\u001b");
    expect(res.stdout).toContain("x\\x1b[31m.pem");
  });
});
