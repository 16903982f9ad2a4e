import { readFileSync } from "node:fs";
import { rootCertificates } from "node:tls";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { MOZILLA_ROOT_STORE_NODE } from "../../src/core/trust-store/mozilla-root-keys.generated.js";
import { keysOfRoot, pemDer, renderMozillaRootKeys, rootKey } from "../../src/core/trust-store/root-key.js";
import { isMozillaRoot, mozillaRoots } from "../../src/core/trust-store/root-store.js";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import { ROOT } from "../helpers/cli.js";

const roots = rootCertificates.map((pem) => parseCertificate(pemDer(pem)));

async function selfSigned(key: string, subject: string, serial: string): Promise<Buffer> {
  const args = ["req", "-x509", "-key", key, "-subj", subject, "-set_serial", serial, "-days", "30", "-outform", "DER"];
  // Binary output: execa would strip a final 0x0A byte as a "newline", truncating one DER in 256.
  return (await execa("openssl", args, { encoding: "buffer", stripFinalNewline: false })).stdout as Buffer;
}

// The table is the store of the Node that generated it (`npm run tables`); another Node may ship another store.
const sameNode = process.version === MOZILLA_ROOT_STORE_NODE;

describe("the Mozilla root table", () => {
  it.runIf(sameNode)(
    "is what `npm run tables` generates from this Node's store (regenerate after a Node update)",
    () => {
      const generated = renderMozillaRootKeys(rootCertificates, process.version);
      expect(readFileSync(`${ROOT}src/core/trust-store/mozilla-root-keys.generated.ts`, "utf8")).toBe(generated);
    },
  );

  it.runIf(sameNode)("knows every root of Node's store, and no root of ours", () => {
    expect(roots.length).toBeGreaterThan(100);
    expect(roots.filter((r) => !isMozillaRoot(r)).map((r) => r.subject)).toEqual([]);
    const ours = parseCertificate(pemDer(readFileSync(`${ROOT}fixtures/good/root.pem`, "utf8")));
    expect(isMozillaRoot(ours)).toBe(false);
    expect(mozillaRoots()).toHaveLength(roots.length);
  });

  it("is a root's name and key: a re-issued self-signature matches, another key or name does not", async () => {
    const dir = (await execa("mktemp", ["-d"])).stdout;
    for (const k of ["a", "b"])
      await execa("openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-out", `${dir}/${k}.key`]);
    const [first, reissued, otherKey, otherName] = await Promise.all([
      selfSigned(`${dir}/a.key`, "/CN=Table Root", "1"),
      selfSigned(`${dir}/a.key`, "/CN=Table Root", "2"),
      selfSigned(`${dir}/b.key`, "/CN=Table Root", "1"),
      selfSigned(`${dir}/a.key`, "/CN=table root 2", "1"),
    ]);
    const [key] = keysOfRoot(first);
    const c = parseCertificate(reissued);
    expect(rootKey(c.subjectDer, c.spkiDer)).toBe(key);
    for (const der of [otherKey, otherName]) expect(keysOfRoot(der)).not.toContain(key);
  });

  it("is built into the bundle from the store of the Node that built it", () => {
    const bundle = readFileSync(`${ROOT}dist/cli.cjs`, "latin1");
    const keys = rootCertificates.flatMap((pem) => keysOfRoot(pemDer(pem)));
    expect(keys.filter((k) => !bundle.includes(`"${k}"`))).toEqual([]);
  });
});
