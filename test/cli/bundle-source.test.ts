import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES, ROOT, runCli } from "../helpers/cli.js";

// The shipped bundle (dist/, run through bin/) must behave exactly like src/: no build step may rewrite a
// module. Each command runs once over every fixture, from the built bin and in-process from the source, with
// the same environment, and the two outputs must be the same bytes. SARIF carries every finding's full
// explain text as rule help, so it compares the texts of every id too.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(pem|crt|cer|der|p7b|p12|json)$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

const FILES = files(FIXTURES);
// P12_PASSWORD opens fixtures/format/leaf-and-key.p12 (node-forge, which the bin reaches through a shim).
const ENV = { CONNECTPAY_CERT_CACHE: "off", NO_COLOR: "1", P12_PASSWORD: "fixture-password" };

async function both(argv: string[]) {
  const source = await runCli(argv, { env: ENV });
  const bin = await execa(process.execPath, [BIN, ...argv], {
    cwd: ROOT,
    reject: false,
    extendEnv: false,
    env: { PATH: process.env.PATH, ...ENV },
    input: "",
    stripFinalNewline: false,
  });
  return { source, bin: { code: bin.exitCode, stdout: bin.stdout, stderr: bin.stderr } };
}

describe("the built bin prints what the source prints, byte for byte", () => {
  it("covers the fixtures", () => {
    expect(FILES.length).toBeGreaterThan(80);
  });

  it.each([
    ["check, human", ["check", ...FILES, "--at", "2030-01-01"]],
    ["check --json", ["check", "--json", ...FILES, "--at", "2030-01-01"]],
    [
      "check --format sarif (every explain text as rule help)",
      ["check", "--format", "sarif", ...FILES, "--at", "2030-01-01"],
    ],
    ["inspect (one file at a time)", ["inspect", "fixtures/chain/cross-signed.pem"]],
    ["inspect of a certificate OpenSSL reads leniently", ["inspect", "fixtures/der/san-ip.pem"]],
    [
      "inspect of a PKCS#12 keystore (node-forge)",
      ["inspect", "fixtures/format/leaf-and-key.p12", "--password-env", "P12_PASSWORD"],
    ],
    ["explain (the list)", ["explain"]],
    ["explain ca.eku", ["explain", "ca.eku"]],
    ["explain tls.ca-not-accepted", ["explain", "tls.ca-not-accepted"]],
    ["explain of an unknown id", ["explain", "chain.reversd"]],
  ])("%s", async (_name, argv) => {
    const { source, bin } = await both(argv);
    expect(source.stdout.length + source.stderr.length).toBeGreaterThan(0);
    expect(bin).toEqual(source);
  });
});
