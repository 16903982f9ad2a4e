import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { parseCertificate } from "../../src/core/x509/certificate.js";
import { issue } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";
import { opensslCrl } from "../helpers/crl.js";
import { chainWithOcsp } from "../helpers/ocsp-chain.js";

const dir = mkdtempSync(`${tmpdir()}/cpc-online-`);
const write = (name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};

describe("a leaf that names no OCSP responder and no CRL distribution point", () => {
  it("is noted offline (info revocation.no-responder); with --online it is revocation.unavailable instead", async () => {
    const args = ["check", "fixtures/good/chain.pem", "--json", "--at", "2030-01-01"];
    const offline = JSON.parse((await runCli(args)).stdout).results[0];
    expect(offline.findings.map((f: { id: string }) => f.id)).toContain("revocation.no-responder");
    expect(offline.certificates[0].revocation).toBeUndefined();
    const online = JSON.parse((await runCli([...args, "--online"])).stdout).results[0];
    const ids = online.findings.map((f: { id: string }) => f.id);
    expect(ids).toContain("revocation.unavailable");
    expect(ids).not.toContain("revocation.no-responder");
    expect(online.certificates[0].revocation).toMatchObject({ status: "unavailable" });
    expect(online.certificates[1].revocation).toMatchObject({ status: "not-checked" });
  });
});

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

describe("check --online with a CRL", () => {
  // The CRL reader once stopped at a fixed number of ASN.1 nodes: this leaf got revocation.unavailable and exit 0.
  it("exits 1 for a leaf revoked near the end of a 20,000-entry CRL from openssl ca -gencrl", async () => {
    let crl: Buffer = Buffer.alloc(0);
    const server = createServer((_req, res) => res.end(crl));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/int.crl`;
      const root = await issue({ subject: "CN=Big CRL Root", ca: true });
      const int = await issue({ subject: "CN=Big CRL CA", ca: true, issuer: root });
      const leaf = await issue({
        subject: "CN=big crl leaf",
        issuer: int,
        clientAuth: true,
        crl: url,
        serial: "7E57AB",
      });
      const others = Array.from({ length: 19_999 }, (_, i) => (0x100000 + i).toString(16));
      crl = opensslCrl(int, [...others.slice(0, 19_990), "7E57AB", ...others.slice(19_990)]);
      const file = write("big-crl.pem", leaf.pem + int.pem + root.pem);
      const res = await runCli(["check", file, "--online", "--json", "--allow-private-urls"]);
      expect(res.code).toBe(1);
      const ids = JSON.parse(res.stdout).results[0].findings.map((f: { id: string }) => f.id);
      expect(ids.sort()).toEqual(["revocation.revoked", "root.not-publicly-trusted"]);
    } finally {
      server.close();
    }
  });
});
