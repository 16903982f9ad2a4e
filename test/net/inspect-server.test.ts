import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server } from "node:tls";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { BIN, runCli } from "../helpers/cli.js";
import { type SServer, startSServer } from "../helpers/s-server.js";

// `inspect host:port` against real servers on 127.0.0.1: Node's tls server and openssl s_server.
const dir = mkdtempSync(`${tmpdir()}/cpc-inspect-server-`);
const file = (name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};
let server: Server;
let port: number;
let sserver: SServer;
let rootFile: string;
let clientRootName: string;

beforeAll(async () => {
  const root = await issue({ subject: "CN=Inspect Test Root, O=Test", ca: true });
  const intermediate = await issue({ subject: "CN=Inspect Test Issuing CA, O=Test", ca: true, issuer: root });
  const leaf = await issue({ subject: "CN=localhost", issuer: intermediate, serverNames: ["localhost", "127.0.0.1"] });
  const clientRoot = await issue({ subject: "CN=Accepted Client Root, O=Clients", ca: true });
  clientRootName = "Accepted Client Root";
  rootFile = file("root.pem", root.pem);
  server = createServer({
    cert: leaf.pem + intermediate.pem,
    key: leaf.keyPem,
    requestCert: true,
    rejectUnauthorized: false,
    ca: clientRoot.pem,
  });
  server.on("secureConnection", (s) => s.end());
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  // s_server's certificate names localhost only, so asking for 127.0.0.1 is a name mismatch.
  const named = await issue({ subject: "CN=localhost", issuer: intermediate, serverNames: ["localhost"] });
  sserver = await startSServer([
    "-cert",
    file("leaf.pem", named.pem),
    "-cert_chain",
    file("int.pem", intermediate.pem),
    "-key",
    file("leaf.key", named.keyPem),
  ]);
});
afterAll(() => {
  server.close();
  sserver.stop();
});

describe("inspect host:port", () => {
  it("shows what the server sent (not the root it left out), trusted against --ca, and the CAs it asks for", async () => {
    const res = await runCli(["inspect", `127.0.0.1:${port}`, "--ca", rootFile, "--json"]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.certificates.map((c: { subject: string }) => c.subject)).toEqual([
      "CN=localhost",
      "CN=Inspect Test Issuing CA, O=Test",
    ]);
    expect(doc.verdict.ok).toBe(true);
    expect(doc.verdict.path).toHaveLength(3);
    expect(doc.server.nameMatches).toBe(true);
    expect(doc.clientCertificates.asked).toBe(true);
    expect(doc.clientCertificates.caNames.join("\n")).toContain(clientRootName);
  });

  it("without --ca the chain is judged against the Mozilla store: a private root is not trusted", async () => {
    const res = await runCli(["inspect", `https://127.0.0.1:${port}/`]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Judged as a server chain against the Mozilla store in Node:/);
    expect(res.stdout).toMatch(/chain {2}not trusted/);
    // Hints written for files name no command that cannot work on a server.
    expect(res.stdout).not.toMatch(/connectpay-cert fix 127\.0\.0\.1/);
  });

  it("reads openssl s_server's chain too, and says when a name does not match", async () => {
    const res = await runCli(["inspect", `127.0.0.1:${sserver.port}`, "--ca", rootFile, "--json"]);
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    expect(doc.certificates).toHaveLength(2);
    expect(doc.verdict.ok).toBe(true);
    expect(doc.server.nameMatches).toBe(false);
    expect(doc.server.nameMismatch).toMatch(/127\.0\.0\.1 is not in the cert's list/);
    // s_server without -verify never asks for a client certificate.
    expect(doc.clientCertificates.caNames).toEqual([]);
  });

  it("a closed port is exit 1 with what happened; a bad port is exit 2; an existing file stays a file", async () => {
    const closed = await runCli(["inspect", "127.0.0.1:1"]);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/no TLS handshake with 127\.0\.0\.1:1: .*ECONNREFUSED/);
    const bad = await runCli(["inspect", "127.0.0.1:70000"]);
    expect(bad.code).toBe(2);
    expect((await runCli(["inspect", "https://127.0.0.1:0/"])).code).toBe(2);
    // Run where a file called "a:1" exists: the bare name (the only form host:port can take) reads the file.
    file("a:1", "not a certificate");
    const asFile = await execa("node", [BIN, "inspect", "a:1"], { cwd: dir, reject: false });
    expect(asFile.stderr).toMatch(/a:1/);
    expect(asFile.stderr).not.toMatch(/TLS handshake/);
    const asHost = await execa("node", [BIN, "inspect", "127.0.0.1:1"], { cwd: dir, reject: false });
    expect(asHost.stderr).toMatch(/no TLS handshake with 127\.0\.0\.1:1/);
  });

  it("--ca and --timeout are refused for a file", async () => {
    const res = await runCli(["inspect", "fixtures/good/chain.pem", "--ca", rootFile]);
    expect(res.code).toBe(2);
  });
});
