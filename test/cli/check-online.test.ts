import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import { runCli } from "../helpers/cli.js";
import { chainWithOcsp } from "../helpers/ocsp-chain.js";

const dir = mkdtempSync(`${tmpdir()}/cpc-online-`);
const write = (name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};

describe("check --online", () => {
  it("exits 0 for a good leaf and 1 once its issuer's responder says revoked", async () => {
    const chain = await chainWithOcsp("Online Co");
    try {
      const file = write("online.pem", chain.bundle);
      const good = await runCli(["check", file, "--online", "--allow-private-urls", "--json"]);
      expect(good.code).toBe(0);
      chain.responder.revoke(parseCertificate(Buffer.from(chain.leaf.cert.rawData)).serialNumber);
      const bad = await runCli(["check", file, "--online", "--allow-private-urls", "--json"]);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout).results[0].findings.map((f: { id: string }) => f.id)).toContain(
        "revocation.revoked",
      );
      const offline = await runCli(["check", file, "--json"]);
      expect(offline.code).toBe(0);
    } finally {
      await chain.responder.close();
    }
  });
});
