import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";

// A .p7b cut short in a download or mangled by a mail gateway: inspect said why it could not be read, fix
// only that no certificate could be, which sends the user looking for the wrong problem.
const CHAIN = `${FIXTURES}good/chain.pem`;
const REASON = /the PKCS#7 bundle could not be read \(.+\)/;

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/cpc-p7-corrupt-`);
  const { stdout } = await execa("openssl", ["crl2pkcs7", "-nocrl", "-certfile", CHAIN, "-outform", "DER"], {
    encoding: "buffer",
  });
  const p7b = Buffer.from(stdout);
  writeFileSync(`${dir}/truncated.p7b`, p7b.subarray(0, Math.floor(p7b.length / 2)));
  // The first certificate's length (long form, 0x82 LL LL) flipped: it now runs past its container.
  const first = readFileSync(CHAIN, "latin1").split("-----END CERTIFICATE-----")[0];
  const der = Buffer.from(first.replace(/-----BEGIN CERTIFICATE-----|\s/g, ""), "base64");
  const flipped = Buffer.from(p7b);
  expect(p7b.indexOf(der)).toBeGreaterThan(0);
  flipped[p7b.indexOf(der) + 2] ^= 0xff;
  writeFileSync(`${dir}/flipped.p7b`, flipped);
  // SignedData's version (INTEGER 1, after the signedData OID and its [0] and SEQUENCE headers) turned into
  // an OCTET STRING: every length still holds, only the tag is wrong.
  const mistagged = Buffer.from(p7b);
  const version = p7b.indexOf(Buffer.from("020101", "hex"), p7b.indexOf(Buffer.from("2a864886f70d010702", "hex")));
  expect(version).toBeGreaterThan(0);
  mistagged[version] = 0x04;
  writeFileSync(`${dir}/mistagged.p7b`, mistagged);
});

it("a SignedData whose version is mistagged is refused by OpenSSL too (the independent judge)", async () => {
  const res = await execa("openssl", ["pkcs7", "-inform", "DER", "-in", `${dir}/mistagged.p7b`, "-print_certs"], {
    reject: false,
  });
  expect(res.exitCode).not.toBe(0);
  expect(res.stdout).not.toContain("BEGIN CERTIFICATE");
});

/** The reason inspect gives, from "FILE: REASON; nothing to inspect." */
async function inspectReason(file: string): Promise<string> {
  const res = await runCli(["inspect", file]);
  expect(res.code).toBe(1);
  const reason = res.stderr.match(REASON)?.[0];
  expect(reason).toBeDefined();
  return reason as string;
}

describe.each(["truncated", "flipped", "mistagged"])("fix of a %s .p7b", (name) => {
  it("says why no certificate could be read, as inspect does, and exits 1", async () => {
    const file = `${dir}/${name}.p7b`;
    const reason = await inspectReason(file);
    const res = await runCli(["fix", file, "-o", `${dir}/never.pem`, "--at", "2030-01-01"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(`${file}: no certificate could be read: ${reason}.\n`);
    expect(res.stdout).toBe("");
  });

  it("puts the same reason in the JSON error document", async () => {
    const file = `${dir}/${name}.p7b`;
    const reason = await inspectReason(file);
    const res = await runCli(["fix", file, "--json", "--at", "2030-01-01"]);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).error).toEqual({
      exitCode: 1,
      message: `${file}: no certificate could be read: ${reason}.`,
    });
  });
});
