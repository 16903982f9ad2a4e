import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";
import { type SServer, startSServer } from "../helpers/s-server.js";

// Found in review, on `inspect host:port`'s "Client certificates" line, against openssl s_server:
// 1. openssl s_client prints "No client certificate CA names sent" whenever the CA list is empty, also when
//    no CertificateRequest came at all; parseSClient reads that as "asked for, without naming CAs".
// 2. parseSClient searches the whole s_client output, which also holds the server certificate's subject:
//    a certificate named "Acceptable client certificate CA names" makes s_client's own lines CA names.
const dir = mkdtempSync(`${tmpdir()}/cpc-review-inspect-`);
const file = (name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};
let plain: SServer;
let spoof: SServer;
let rootFile: string;

beforeAll(async () => {
  const root = await issue({ subject: "CN=Review Root", ca: true });
  rootFile = file("root.pem", root.pem);
  const leaf = await issue({ subject: "CN=localhost", issuer: root, serverNames: ["localhost", "127.0.0.1"] });
  plain = await startSServer(["-cert", file("leaf.pem", leaf.pem), "-key", file("leaf.key", leaf.keyPem)]);
  const odd = await issue({
    subject: "CN=Acceptable client certificate CA names",
    issuer: root,
    serverNames: ["localhost", "127.0.0.1"],
  });
  const clients = await issue({ subject: "CN=Review Client CA", ca: true });
  spoof = await startSServer([
    ...["-cert", file("odd.pem", odd.pem), "-key", file("odd.key", odd.keyPem)],
    ...["-verify", "1", "-CAfile", file("clients.pem", clients.pem)],
  ]);
});
afterAll(() => {
  plain?.stop();
  spoof?.stop();
});

describe("inspect host:port: which CAs a server asks client certificates from", () => {
  it("a server that never asks for a client certificate is not reported as asking", async () => {
    const res = await runCli(["inspect", `127.0.0.1:${plain.port}`, "--ca", rootFile, "--json"]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).clientCertificates).toEqual({ asked: false, caNames: [] });
    const human = await runCli(["inspect", `127.0.0.1:${plain.port}`, "--ca", rootFile]);
    expect(human.stdout).toMatch(/this server did not ask for one/);
  });

  it("a certificate's subject never turns s_client's own lines into acceptable CA names", async () => {
    const res = await runCli(["inspect", `127.0.0.1:${spoof.port}`, "--ca", rootFile, "--json"]);
    expect(JSON.parse(res.stdout).clientCertificates).toEqual({ asked: true, caNames: ["CN = Review Client CA"] });
  });
});

describe("inspect [::1]:port", () => {
  it("reads the CA names from an IPv6 literal too (s_client needs [::1]:port, not ::1:port)", async () => {
    const { createServer } = await import("node:tls");
    const root = await issue({ subject: "CN=Review V6 Root", ca: true });
    const leaf = await issue({ subject: "CN=localhost", issuer: root, serverNames: ["localhost", "::1"] });
    const clients = await issue({ subject: "CN=Review V6 Client CA", ca: true });
    const server = createServer({
      cert: leaf.pem,
      key: leaf.keyPem,
      requestCert: true,
      rejectUnauthorized: false,
      ca: clients.pem,
    });
    server.on("secureConnection", (s) => s.end());
    server.on("tlsClientError", () => {});
    await new Promise<void>((resolve) => server.listen(0, "::1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const res = await runCli(["inspect", `[::1]:${port}`, "--ca", file("v6root.pem", root.pem), "--json"]);
      expect(JSON.parse(res.stdout).clientCertificates).toEqual({ asked: true, caNames: ["CN = Review V6 Client CA"] });
    } finally {
      server.close();
    }
  });
});

// Found in review: readServerChain walks Node's getPeerCertificate(true).issuerCertificate links, which Node
// rebuilds by issuer matching: a server that sends leaf, root, intermediate is shown (and judged) as leaf,
// intermediate, with the root dropped, so inspect calls trusted what `check` on the same bytes calls
// chain.misordered (an error). The report promises "the certificates as the server sent them".
describe("inspect host:port shows the certificates in the order the server sent them", () => {
  it("leaf, root, intermediate stays in that order and is chain.misordered, as check says", async () => {
    const root = await issue({ subject: "CN=Review Order Root", ca: true });
    const intermediate = await issue({ subject: "CN=Review Order CA", ca: true, issuer: root });
    const leaf = await issue({
      subject: "CN=localhost",
      issuer: intermediate,
      serverNames: ["localhost", "127.0.0.1"],
    });
    const server = await startSServer([
      ...["-cert", file("o-leaf.pem", leaf.pem), "-key", file("o-leaf.key", leaf.keyPem)],
      ...["-cert_chain", file("o-chain.pem", root.pem + intermediate.pem)],
    ]);
    try {
      const res = await runCli(["inspect", `127.0.0.1:${server.port}`, "--ca", file("o-root.pem", root.pem), "--json"]);
      const doc = JSON.parse(res.stdout);
      expect(doc.certificates.map((c: { subject: string }) => c.subject)).toEqual([
        "CN=localhost",
        "CN=Review Order Root",
        "CN=Review Order CA",
      ]);
      expect(doc.verdict.findings.map((f: { id: string }) => f.id)).toContain("chain.misordered");
    } finally {
      server.stop();
    }
  });
});
