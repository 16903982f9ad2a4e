import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer as createHttps } from "node:https";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeServerIdentity } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";
import { type OAuthMode, startOAuthServer } from "../helpers/oauth-server.js";
import { chainWithOcsp } from "../helpers/ocsp-chain.js";

// Issue 14: probe calls credentials confirmed only with evidence, read as RFC 6749 §5.2 says.
const SECRET = "Cr3dential-Probe-Secret";
const dir = mkdtempSync(`${tmpdir()}/cpc-probe-cred-`);
const file = (name: string, text: string | Buffer) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, text, { mode: 0o600 });
  return path;
};

type Chain = Awaited<ReturnType<typeof chainWithOcsp>>;
let good: Chain;
let server: Awaited<ReturnType<typeof makeServerIdentity>>;
const files: Record<string, string> = {};

beforeAll(async () => {
  good = await chainWithOcsp("Token Co");
  server = await makeServerIdentity(["localhost", "127.0.0.1"]);
  Object.assign(files, {
    cert: file("chain.pem", good.bundle),
    key: file("client.key", good.leaf.keyPem),
    ca: file("server-ca.pem", server.caPem),
  });
});
afterAll(() => good.responder.close());

async function probeAgainst(mode: OAuthMode, extra: string[] = [], secret = SECRET) {
  const srv = await startOAuthServer(
    mode,
    { certPem: server.certPem, keyPem: server.keyPem, clientCa: good.root.pem },
    { key: "app-1", secret: SECRET },
  );
  try {
    const args = ["--cert", files.cert, "--key", files.key, "--host", `127.0.0.1:${srv.port}`, "--ca", files.ca];
    args.push("--allow-private-urls"); // the test CA's OCSP responder is on loopback
    const env = { CONNECTPAY_CLIENT_SECRET: secret };
    const json = await runCli(["probe", "--json", "--client-key", "app-1", ...args, ...extra], { env });
    const human = await runCli(["probe", "--client-key", "app-1", ...args, ...extra], { env });
    return { code: json.code, doc: JSON.parse(json.stdout), human: human.stdout, stderr: json.stderr + human.stderr };
  } finally {
    await srv.close();
  }
}

type Doc = { steps: { id: string; status: string; detail: string }[]; findings: { id: string; severity: string }[] };
const http = (doc: Doc) => doc.steps.find((s) => s.id === "http");
const ids = (doc: Doc) => doc.findings.map((f) => `${f.severity} ${f.id}`);

describe("probe reads the token endpoint's answer as RFC 6749 §5.2", () => {
  it("invalid_client (401): the credentials were refused", async () => {
    const res = await probeAgainst("invalid_client");
    expect(res.code).toBe(1);
    expect(ids(res.doc)).toEqual(["error auth.rejected"]);
    expect(http(res.doc)?.status).toBe("failed");
  });

  it("invalid_grant with good credentials: confirmed, and the same call without them is refused", async () => {
    const res = await probeAgainst("invalid_grant");
    expect(res.code).toBe(0);
    expect(ids(res.doc)).toEqual([]);
    expect(http(res.doc)).toMatchObject({
      status: "passed",
      detail:
        "HTTP 400 invalid_grant: the client authenticated and only the made-up code was refused; without credentials: HTTP 401 invalid_client",
    });
    expect(res.human).toMatch(/Probe: every step passed/);
  });

  it("invalid_grant server, wrong secret: auth.rejected", async () => {
    const res = await probeAgainst("invalid_grant", [], "wrong-secret");
    expect(res.code).toBe(1);
    expect(ids(res.doc)).toEqual(["error auth.rejected"]);
  });

  it("unsupported_grant_type: TLS works, credentials not confirmed (a warning, never ✔)", async () => {
    const res = await probeAgainst("unsupported_grant_type", [], "wrong-secret");
    expect(res.code).toBe(0);
    expect(ids(res.doc)).toEqual(["warning auth.unconfirmed"]);
    expect(res.doc.findings[0].message).toMatch(
      /^TLS works; the credentials could not be confirmed: .*unsupported_grant_type/,
    );
    expect(http(res.doc)?.status).toBe("warning");
    expect(res.human).toMatch(/^ {2}! http {7}HTTP 400 unsupported_grant_type: TLS works; credentials not confirmed/m);
    expect(res.human).not.toMatch(/accepts this certificate and these credentials/);
    expect(res.human).toMatch(/the credentials could not be confirmed \(see auth\.unconfirmed\)/);
  });

  it("a server that ignores Authorization and issues tokens: not confirmed, tokens masked in --verbose", async () => {
    const res = await probeAgainst("ignores-authorization", ["--verbose"]);
    expect(res.code).toBe(0);
    expect(ids(res.doc)).toEqual(["warning auth.unconfirmed"]);
    expect(res.doc.findings[0].message).toMatch(/accepted a made-up authorization code \(HTTP 200\)/);
    expect(res.stderr).toMatch(/"access_token":"\*\*\*\*"/);
    expect(res.stderr).not.toContain("issued-to-anyone-123");
  });

  it("a server that answers invalid_grant without reading Authorization: the call without credentials shows it", async () => {
    const res = await probeAgainst("ignores-authorization-invalid-grant");
    expect(ids(res.doc)).toEqual(["warning auth.unconfirmed"]);
    expect(res.doc.findings[0].message).toMatch(
      /without credentials got the same answer \(HTTP 400 invalid_grant\): the server did not check them/,
    );
  });

  it("--path: the same request without Authorization getting the same answer means nothing was checked", async () => {
    const res = await probeAgainst("ignores-authorization", ["--path", "/ob/accounts"]);
    expect(ids(res.doc)).toEqual(["warning auth.unconfirmed"]);
    expect(res.doc.findings[0].message).toMatch(/same answer \(HTTP 200\)/);
    expect(res.doc.findings.find((f: { id: string }) => f.id === "auth.unconfirmed").hint).toMatch(/^Omit --path/);
  });
});

describe("probe's hints fit the failure", () => {
  it("an HTTP answer that never comes after TLS worked does not blame host, port or firewall", async () => {
    const silent = createHttps(
      { cert: server.certPem, key: server.keyPem, ca: [good.root.pem], requestCert: true, rejectUnauthorized: true },
      () => {},
    );
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    try {
      const port = (silent.address() as { port: number }).port;
      const args = ["--cert", files.cert, "--key", files.key, "--host", `127.0.0.1:${port}`, "--ca", files.ca];
      const res = await runCli(["probe", "--json", "--client-key", "a", "--timeout", "1500", ...args], {
        env: { CONNECTPAY_CLIENT_SECRET: "s" },
      });
      const doc = JSON.parse(res.stdout);
      const timeout = doc.findings.find((f: { id: string }) => f.id === "net.timeout");
      expect(timeout.message).toMatch(/HTTP request step/);
      expect(timeout.hint).toMatch(/^TLS worked, so host, port and network path are fine/);
      expect(timeout.hint).not.toMatch(/firewall/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe("probe takes a .p12", () => {
  it("reads chain and key from --cert bundle.p12 with --password-file, as fix does", async () => {
    const p12 = `${dir}/bundle.p12`;
    await execa("openssl", [
      "pkcs12",
      "-export",
      "-inkey",
      files.key,
      "-in",
      files.cert,
      "-out",
      p12,
      "-passout",
      "pass:p12-pass",
    ]);
    const pass = file("p12.pass", "p12-pass\n");
    const viaP12 = await startOAuthServer(
      "invalid_grant",
      { certPem: server.certPem, keyPem: server.keyPem, clientCa: good.root.pem },
      { key: "app-1", secret: SECRET },
    );
    try {
      const args = ["--cert", p12, "--password-file", pass, "--host", `127.0.0.1:${viaP12.port}`, "--ca", files.ca];
      const ok = await runCli(["probe", "--json", "--client-key", "app-1", ...args], {
        env: { CONNECTPAY_CLIENT_SECRET: SECRET },
      });
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).steps.map((s: { status: string }) => s.status)).not.toContain("failed");
      const wrong = await runCli(["probe", "--client-key", "app-1", ...args.slice(0, 2), "--password-file", files.ca], {
        env: { CONNECTPAY_CLIENT_SECRET: SECRET },
      });
      expect(wrong).toMatchObject({ code: 2, stderr: expect.stringMatching(/--cert: the PKCS#12 password is wrong/) });
    } finally {
      await viaP12.close();
    }
  });
});
