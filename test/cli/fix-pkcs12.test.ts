import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// Most CA-issued chains are RSA and many .p12 files come from older tools (RC2/3DES): both paths of
// the PKCS#12 reader must hand back the certificates byte for byte. OpenSSL makes the inputs.
const dir = mkdtempSync(`${tmpdir()}/cpc-p12-`);
const ossl = (args: string[]) => execa("openssl", args, { cwd: dir });

beforeAll(async () => {
  await ossl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "3650",
    "-subj",
    "/CN=RSA Test Root",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  await ossl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "leaf.key",
    "-out",
    "leaf.csr",
    "-subj",
    "/CN=rsa-client",
  ]);
  writeFileSync(
    `${dir}/ext.cnf`,
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  await ossl([
    "x509",
    "-req",
    "-in",
    "leaf.csr",
    "-CA",
    "ca.pem",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "leaf.pem",
    "-days",
    "365",
    "-extfile",
    "ext.cnf",
  ]);
  const export12 = (extra: string[], out: string) =>
    ossl([
      "pkcs12",
      "-export",
      ...extra,
      "-in",
      "leaf.pem",
      "-inkey",
      "leaf.key",
      "-certfile",
      "ca.pem",
      "-passout",
      "pass:pw",
      "-out",
      out,
    ]);
  await export12([], "modern.p12");
  await export12(["-legacy"], "legacy.p12");
}, 60_000);

describe("fix reads RSA PKCS#12 files, modern (AES/PBKDF2) and legacy (RC2/3DES)", () => {
  it.each(["modern.p12", "legacy.p12"])("%s", async (file) => {
    const out = `${dir}/${file}.pem`;
    const res = await runCli(["fix", `${dir}/${file}`, "--password-env", "PW", "-o", out], { env: { PW: "pw" } });
    expect(res.stderr).toMatch(/converted from PKCS#12[\s\S]+removed +1 private key/);
    expect(res.code).toBe(0);
    const der = (pem: string) => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
    const blocks: string[] =
      readFileSync(out, "utf8").match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(der(blocks[0])).toEqual(der(readFileSync(`${dir}/leaf.pem`, "utf8")));
    expect((await ossl(["verify", "-CAfile", "ca.pem", out])).stdout).toMatch(/: OK$/);
  });
});
