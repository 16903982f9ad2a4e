import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer as createHttps } from "node:https";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClientChain, makeServerIdentity } from "../../src/lab/make-certs.js";
import { BIN, ROOT, runCli } from "../helpers/cli.js";
import { type SServer, startSServer } from "../helpers/s-server.js";

// Whether the server asked for a client certificate is something probe must see, not assume: a 1-way
// server completes the same handshake, and "TLS works with this certificate" would then be a false claim.

const SECRET = "Another-Secret-Value-7";
const dir = mkdtempSync(`${tmpdir()}/cpc-probe-request-`);
const file = (name: string, text: string) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, text, { mode: 0o600 });
  return path;
};

const f: Record<string, string> = {};
beforeAll(async () => {
  const client = await makeClientChain("Request Co");
  const other = await makeClientChain("Other Co");
  const server = await makeServerIdentity(["localhost", "127.0.0.1"]);
  Object.assign(f, {
    cert: file("client.pem", client.bundle),
    key: file("client.key", client.leaf.keyPem),
    otherKey: file("other.key", other.leaf.keyPem),
    root: file("root.pem", client.root.pem),
    srvCert: file("srv.pem", server.certPem),
    srvKey: file("srv.key", server.keyPem),
    srvCertPem: server.certPem,
    srvKeyPem: server.keyPem,
    srvCa: file("srv-ca.pem", server.caPem),
    rootPem: client.root.pem,
  });
});

const probeArgs = (port: number, extra: string[] = []) => [
  "probe",
  "--client-key",
  "app-1",
  "--cert",
  f.cert,
  "--key",
  f.key,
  "--host",
  `127.0.0.1:${port}`,
  "--ca",
  f.srvCa,
  "--path",
  "/",
  ...extra,
];
const probe = (port: number, extra: string[] = []) =>
  runCli(probeArgs(port, extra), { env: { CONNECTPAY_CLIENT_SECRET: SECRET } });
const json = (port: number, extra: string[] = []) => probe(port, ["--json", ...extra]);
const step = (doc: { steps: { id: string }[] }, id: string) =>
  doc.steps.find((s) => s.id === id) as unknown as { status: string; detail: string };
const errors = (doc: { findings: { id: string; severity: string }[] }) =>
  doc.findings.filter((x) => x.severity === "error").map((x) => x.id);

describe("probe against openssl s_server, with and without a CertificateRequest", () => {
  const servers: SServer[] = [];
  afterAll(() => {
    for (const s of servers) s.stop();
  });
  const sServer = async (args: string[]) => {
    const s = await startSServer(["-cert", f.srvCert, "-key", f.srvKey, ...args]);
    servers.push(s);
    return s;
  };

  for (const version of ["1.2", "1.3"]) {
    it(`TLS ${version}: a server that never asks (no -verify) fails the tls step with its own finding`, async () => {
      const s = await sServer([`-tls1_${version.slice(2)}`]);
      const res = await json(s.port);
      expect(res.code).toBe(1);
      const doc = JSON.parse(res.stdout);
      expect(errors(doc)).toEqual(["tls.cert-not-requested"]);
      expect(step(doc, "tls").status).toBe("failed");
      // No step claims a request it did not see.
      expect(step(doc, "ca-names")).toMatchObject({
        status: "not-checked",
        detail: "the server did not ask for a client certificate",
      });
      expect(doc.notRun.map((n: { id: string }) => n.id)).toEqual(["http"]);

      const human = await probe(s.port);
      expect(human.code).toBe(1);
      expect(human.stdout).not.toMatch(/✔ ca-names|✔ tls|TLS works/);
      expect(human.stdout).toMatch(/is it a 1-way host\?/);
      expect(human.stdout).toMatch(/Probe failed at step tls: tls\.cert-not-requested\./);
    });
  }

  for (const flag of ["-verify", "-Verify"]) {
    it(`${flag}: the request is seen and the tls step passes`, async () => {
      const s = await sServer([flag, "1", "-CAfile", f.root]);
      const res = await json(s.port);
      const doc = JSON.parse(res.stdout);
      expect(errors(doc)).toEqual([]);
      expect(step(doc, "tls")).toMatchObject({ status: "passed" });
      expect(step(doc, "tls").detail).toMatch(/the server asked for a client certificate$/);
      expect(step(doc, "ca-names").status).toBe("passed");
      expect(res.code).toBe(0);
    });
  }

  it("--public-host on a 1-way host: the tls and separation steps tell the same story", async () => {
    const s = await sServer([]);
    const res = await json(s.port, ["--public-host", `127.0.0.1:${s.port}`]);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(errors(doc).sort()).toEqual(["hosts.not-separated", "tls.cert-not-requested"]);
    const separated = doc.findings.find((x: { id: string }) => x.id === "hosts.not-separated");
    expect(separated.message).toMatch(/did not ask for a client certificate either/);
  });

  it("--public-host on a host that asks but does not insist: separation says so, tls passes", async () => {
    const s = await sServer(["-verify", "1", "-CAfile", f.root]);
    const res = await json(s.port, ["--public-host", `127.0.0.1:${s.port}`]);
    const doc = JSON.parse(res.stdout);
    expect(step(doc, "tls").status).toBe("passed");
    const separated = doc.findings.find((x: { id: string }) => x.id === "hosts.not-separated");
    expect(separated.message).toMatch(/asks for a client certificate but does not require one/);
  });

  it("--connect-anyway with a key that is not the leaf's: key.mismatch, exit 1, and the process ends", async () => {
    const s = await sServer(["-Verify", "1", "-CAfile", f.root]);
    const args = probeArgs(s.port, ["--json", "--connect-anyway"]).map((a) => (a === f.key ? f.otherKey : a));
    // Spawned: a socket left open would keep the process alive (the hang guard is execa's timeout).
    const res = await execa("node", [BIN, ...args], {
      cwd: ROOT,
      reject: false,
      timeout: 30_000,
      env: { CONNECTPAY_CLIENT_SECRET: SECRET, NO_COLOR: "1" },
    });
    expect(res.timedOut).toBe(false);
    expect(res.exitCode).toBe(1);
    expect(res.stderr).not.toMatch(/internal error/);
    const doc = JSON.parse(res.stdout);
    expect(errors(doc)).toEqual(["key.mismatch"]);
    expect(doc.notRun).toEqual([
      {
        id: "tls",
        detail: "not run: the key does not match the certificate (key.mismatch): no handshake can be made with it",
      },
      { id: "http", detail: "not run: the tls step did not pass" },
    ]);
  });
});

describe("probe against a Node tls server, with and without requestCert", () => {
  async function nodeServer(requestCert: boolean) {
    const server = createHttps(
      { cert: f.srvCertPem, key: f.srvKeyPem, requestCert, rejectUnauthorized: requestCert, ca: [f.rootPem] },
      (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("hello"),
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    return { server, port: (server.address() as { port: number }).port };
  }

  it("requestCert: false: tls.cert-not-requested, exit 1", async () => {
    const { server, port } = await nodeServer(false);
    try {
      const res = await json(port);
      expect(res.code).toBe(1);
      expect(errors(JSON.parse(res.stdout))).toEqual(["tls.cert-not-requested"]);
    } finally {
      server.close();
    }
  });

  it("requestCert: true: the tls step passes on the request it saw", async () => {
    const { server, port } = await nodeServer(true);
    try {
      const res = await json(port);
      const doc = JSON.parse(res.stdout);
      expect(step(doc, "tls").status).toBe("passed");
      expect(step(doc, "ca-names").detail).toBe("1 acceptable CA name(s)");
      expect(errors(doc)).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe("probe shows the server's error_description without --verbose", () => {
  it("neutralised: control characters are made visible, never passed to the terminal", async () => {
    const description = "no DevApp for this certificate\u001b[2J\nFAKE: all good";
    const server = createHttps(
      { cert: f.srvCertPem, key: f.srvKeyPem, requestCert: true, rejectUnauthorized: true, ca: [f.rootPem] },
      (_req, res) =>
        res
          .writeHead(403, { "content-type": "application/json" })
          .end(JSON.stringify({ error: "access_denied", error_description: description })),
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const res = await probe((server.address() as { port: number }).port);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain('The server said: "no DevApp for this certificate\\x1b[2J\\nFAKE: all good".');
      expect(res.stdout).not.toContain("\u001b");
    } finally {
      server.close();
    }
  });
});
