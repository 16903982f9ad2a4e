import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer as createNetServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../src/lab/gateway-server.js";
import { issue, makeClientChain, makeServerIdentity } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";
import { writeCrlV2 } from "../helpers/crl.js";
import { chainWithOcsp } from "../helpers/ocsp-chain.js";
import { withUnresolvableNames } from "../helpers/resolver.js";
import { startSServer } from "../helpers/s-server.js";

const SECRET = "Sup3r-Secret-Value-42";
const dir = mkdtempSync(`${tmpdir()}/cpc-probe-`);
const file = (name: string, text: string | Buffer) => {
  const path = `${dir}/${name}`;
  writeFileSync(path, text, { mode: 0o600 });
  return path;
};

type Chain = Awaited<ReturnType<typeof chainWithOcsp>>;
let good: Chain;
let stranger: Chain;
let gw: Gateway;
let gatewayCa: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  good = await chainWithOcsp("Good Co");
  stranger = await chainWithOcsp("Stranger Co");
  gw = await startGateway({ registered: [Buffer.from(good.bundle)], clientKey: "app-1", clientSecret: SECRET });
  gatewayCa = file("gateway-ca.pem", gw.caPem ?? "");
  Object.assign(files, {
    good: file("good.pem", good.bundle),
    goodKey: file("good.key", good.leaf.keyPem),
    stranger: file("stranger.pem", stranger.bundle),
    strangerKey: file("stranger.key", stranger.leaf.keyPem),
  });
});
afterAll(async () => {
  await gw.close();
  await good.responder.close();
  await stranger.responder.close();
});

async function probe(args: string[], env: Record<string, string> = { CONNECTPAY_CLIENT_SECRET: SECRET }) {
  // The OCSP responders of the test chains run on 127.0.0.1 too.
  const res = await runCli(["probe", "--json", "--client-key", "app-1", "--allow-private-urls", ...args], { env });
  expect(res.stdout + res.stderr).not.toContain(SECRET);
  expect(res.stdout + res.stderr).not.toContain(Buffer.from(`app-1:${SECRET}`).toString("base64"));
  return { ...res, doc: res.stdout ? JSON.parse(res.stdout) : undefined };
}

const target = () => ["--host", `127.0.0.1:${gw.mtlsPort}`, "--ca", gatewayCa];
/** Error findings only: chains made inside a test have no OCSP URL and add a revocation.unavailable warning. */
const findingIds = (doc: { findings: { id: string; severity: string }[] }) =>
  doc.findings.filter((f) => f.severity === "error").map((f) => f.id);

describe("probe against the in-process gateway", () => {
  it("passes every step for the registered chain and credentials", async () => {
    const res = await probe(["--cert", files.good, "--key", files.goodKey, ...target()]);
    expect(res.code).toBe(0);
    expect(res.doc).toMatchObject({
      schemaVersion: 1,
      ok: true,
      target: { env: "stage", mtlsHost: `127.0.0.1:${gw.mtlsPort}` },
    });
    // ca-names runs once connect has shown the server is there (issue 14).
    expect(
      res.doc.steps.map((s: { id: string; ok: boolean; status: string }) => `${s.id}:${s.ok}:${s.status}`),
    ).toEqual([
      "check:true:passed",
      "revocation:true:passed",
      "connect:true:passed",
      "ca-names:true:passed",
      "tls:true:passed",
      "http:true:passed",
    ]);
    for (const s of res.doc.steps) expect(typeof s.ms).toBe("number");
    expect(res.doc.steps[1].detail).toMatch(/CN=Good Co client: OCSP good/);
    expect(res.doc.steps[3].detail).toBe("2 acceptable CA name(s)");
    // The gateway answers the made-up code as RFC 6749 §5.2 says; without credentials it refuses the client.
    expect(res.doc.steps[5].detail).toBe(
      "HTTP 400 invalid_grant: the client authenticated and only the made-up code was refused; without credentials: HTTP 401 invalid_client",
    );
    expect(res.doc.notRun).toEqual([]);
    expect(res.doc.acceptableCaNames).toEqual([
      "CN = Good Co Issuing CA, O = Good Co",
      "CN = Good Co Root CA, O = Good Co",
    ]);
    expect(res.doc.steps[4].detail).toMatch(/^TLSv1\.3, .*verified; the server asked for a client certificate$/);
    expect(res.doc.findings).toEqual([]);
  });

  it("classifies a chain from an unknown CA as tls.client-cert-rejected", async () => {
    const res = await probe(["--cert", files.stranger, "--key", files.strangerKey, ...target()]);
    expect(res.code).toBe(1);
    // The server's CertificateRequest names other CAs: that explains the refusal, so it is an error too.
    expect(findingIds(res.doc)).toEqual(["tls.ca-not-accepted", "tls.client-cert-rejected"]);
    expect(res.doc.findings[0].message).toMatch(
      /none of them is an issuer of your chain, which ends at CN=Stranger Co Root CA/,
    );
    // The step that raised the error is not shown as passed; the http step never ran.
    expect(res.doc.steps.find((s: { id: string }) => s.id === "ca-names").status).toBe("failed");
    expect(res.doc.notRun).toEqual([{ id: "http", detail: "not run: the tls step did not pass" }]);
  });

  it("classifies a wrong secret as auth.rejected (401)", async () => {
    const res = await probe(["--cert", files.good, "--key", files.goodKey, ...target()], {
      CONNECTPAY_CLIENT_SECRET: "wrong-secret",
    });
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toEqual(["auth.rejected"]);
  });

  it("classifies a leaf the DevApp does not know (same CA, other serial) as auth.forbidden (403)", async () => {
    const other = await issue({ subject: "CN=Good Co client, O=Good Co", issuer: good.intermediate, clientAuth: true });
    const cert = file("other.pem", other.pem + good.intermediate.pem + good.root.pem);
    const res = await probe(["--cert", cert, "--key", file("other.key", other.keyPem), ...target()]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toEqual(["auth.forbidden"]);
    // The server's own reason is shown without --verbose.
    expect(res.doc.findings.find((x: { id: string }) => x.id === "auth.forbidden").message).toContain(
      'The server said: "certificate is not attached to a DevApp (serial number and CN)".',
    );
  });

  it("sees the gateway refuse an expired client certificate (offline check evaluated --at inside its validity)", async () => {
    const old = await makeClientChain("Good Co", {
      notBefore: new Date("2020-01-01"),
      notAfter: new Date("2021-01-01"),
    });
    const gw2 = await startGateway({ registered: [Buffer.from(old.bundle)], clientKey: "app-1", clientSecret: SECRET });
    try {
      const args = ["--cert", file("old.pem", old.bundle), "--key", file("old.key", old.leaf.keyPem)];
      const ca = file("gw2-ca.pem", gw2.caPem ?? "");
      const res = await probe([...args, "--host", `127.0.0.1:${gw2.mtlsPort}`, "--ca", ca, "--at", "2020-06-01"]);
      expect(res.code).toBe(1);
      expect(findingIds(res.doc)).toEqual(["tls.client-cert-rejected"]);
    } finally {
      await gw2.close();
    }
  });

  it("classifies an untrusted server certificate (no --ca) as tls.server-untrusted", async () => {
    const res = await probe(["--cert", files.good, "--key", files.goodKey, "--host", `127.0.0.1:${gw.mtlsPort}`]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toEqual(["tls.server-untrusted"]);
    expect(res.doc.findings[0].message).toMatch(/unknown issuer|self-signed/);
  });

  it("stops at the offline check when the bundle would be rejected", async () => {
    const res = await probe(["--cert", files.good, "--key", files.strangerKey, ...target()]);
    expect(res.code).toBe(1);
    expect(res.doc.steps).toHaveLength(1);
    expect(findingIds(res.doc)).toEqual(["key.mismatch"]);
    expect(res.doc.notRun.map((s: { id: string }) => s.id)).toEqual([
      "revocation",
      "connect",
      "ca-names",
      "tls",
      "http",
    ]);
    expect(res.doc.notRun[0].detail).toBe(
      "not run: the offline check found errors (--connect-anyway asks the server anyway)",
    );
  });

  it("--connect-anyway asks the server about a bundle check refuses, and still fails the run", async () => {
    // Evaluated in 2200 the chain has expired; the gateway, judging today, accepts it.
    const res = await probe([
      "--cert",
      files.good,
      "--key",
      files.goodKey,
      ...target(),
      "--at",
      "2200-01-01",
      "--connect-anyway",
    ]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toContain("validity.expired");
    expect(res.doc.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual([
      "check:failed",
      // the OCSP answer is judged at --at too, where it is stale
      "revocation:warning",
      "connect:passed",
      "ca-names:passed",
      "tls:passed",
      "http:passed",
    ]);
  });

  it("marks a revocation step that could check nothing with –, never ✔", async () => {
    const plain = await makeClientChain("Plain Co");
    const gw3 = await startGateway({
      registered: [Buffer.from(plain.bundle)],
      clientKey: "app-1",
      clientSecret: SECRET,
    });
    try {
      const args = ["--cert", file("plain.pem", plain.bundle), "--key", file("plain.key", plain.leaf.keyPem)];
      const target3 = ["--host", `127.0.0.1:${gw3.mtlsPort}`, "--ca", file("gw3-ca.pem", gw3.caPem ?? "")];
      const res = await runCli(["probe", "--client-key", "app-1", ...args, ...target3], {
        env: { CONNECTPAY_CLIENT_SECRET: SECRET },
      });
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^ {2}– revocation .*not checked/m);
      expect(res.stdout).not.toMatch(/✔ revocation/);
      expect(res.stdout).toMatch(/not fully checked: revocation \(marked ! or –\)/);
    } finally {
      await gw3.close();
    }
  });

  it("with --crl-file, the revocation step judges the CRL: a listed leaf fails the step", async () => {
    const plain = await makeClientChain("Listed Co");
    const gw4 = await startGateway({
      registered: [Buffer.from(plain.bundle)],
      clientKey: "app-1",
      clientSecret: SECRET,
    });
    try {
      const now = Date.now();
      const times = { thisUpdate: new Date(now - 3600_000), nextUpdate: new Date(now + 86_400_000) };
      const crl = (serials: string[]) =>
        file(
          `listed-${serials.length}.crl`,
          writeCrlV2(plain.intermediate, { ...times, entries: serials.map((serial) => ({ serial })) }),
        );
      const args = ["--cert", file("listed.pem", plain.bundle), "--key", file("listed.key", plain.leaf.keyPem)];
      const target4 = ["--host", `127.0.0.1:${gw4.mtlsPort}`, "--ca", file("gw4-ca.pem", gw4.caPem ?? "")];
      const revoked = await probe([...args, ...target4, "--crl-file", crl([plain.leaf.cert.serialNumber])]);
      expect(revoked.code).toBe(1);
      expect(revoked.doc.steps.find((s: { id: string }) => s.id === "revocation")).toMatchObject({ ok: false });
      expect(findingIds(revoked.doc)).toContain("revocation.revoked");
      const good = await probe([...args, ...target4, "--crl-file", crl([])]);
      expect(good.doc.steps.find((s: { id: string }) => s.id === "revocation")).toMatchObject({ status: "passed" });
    } finally {
      await gw4.close();
    }
  });

  it("checks the 1-way host without a certificate and that the mTLS host refuses requests without one", async () => {
    const res = await probe([
      "--cert",
      files.good,
      "--key",
      files.goodKey,
      ...target(),
      "--public-host",
      `127.0.0.1:${gw.publicPort}`,
    ]);
    expect(res.code).toBe(0);
    expect(res.doc.steps.map((s: { id: string }) => s.id)).toEqual([
      "check",
      "revocation",
      "connect",
      "ca-names",
      "tls",
      "http",
      "public",
      "separation",
    ]);
    expect(res.doc.steps.every((s: { ok: boolean }) => s.ok)).toBe(true);
  });

  it("reports hosts.not-separated when the 'mTLS' host serves requests without a client certificate", async () => {
    const res = await probe([
      "--cert",
      files.good,
      "--key",
      files.goodKey,
      "--ca",
      gatewayCa,
      "--host",
      `127.0.0.1:${gw.publicPort}`,
      "--public-host",
      `127.0.0.1:${gw.publicPort}`,
    ]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toContain("hosts.not-separated");
  });

  it("shows the exchange with --verbose, masking the credentials", async () => {
    const res = await runCli(
      [
        "probe",
        "--verbose",
        "--client-key",
        "app-1",
        "--allow-private-urls",
        "--cert",
        files.good,
        "--key",
        files.goodKey,
        ...target(),
      ],
      {
        env: { CONNECTPAY_CLIENT_SECRET: SECRET },
      },
    );
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/> authorization: Basic \*\*\*\*$/m);
    // (the masking of tokens in a response is asserted in probe-credentials.test.ts: the gateway issues none here)
    expect(res.stderr).toMatch(/< \{"error":"invalid_grant"\}/);
    expect(res.stdout + res.stderr).not.toContain(SECRET);
    expect(res.stdout).toMatch(/Probe: every step passed/);
    // The closing sentence names the host probed: the rehearsal gateway is not ConnectPay's.
    expect(res.stdout).toContain(`every step passed. 127.0.0.1:${gw.mtlsPort} accepts this certificate`);
    expect(res.stdout).not.toContain("ConnectPay's gateway");
  });
});

describe("probe against a web server that answers 400 to a refused certificate (as nginx does)", () => {
  it("classifies the SSL certificate error page as tls.client-cert-rejected", async () => {
    const { createServer: createHttps } = await import("node:https");
    const id = await makeServerIdentity(["localhost", "127.0.0.1"]);
    const server = createHttps(
      { cert: id.certPem, key: id.keyPem, requestCert: true, rejectUnauthorized: false, ca: [good.root.pem] },
      (req, res) => {
        const authorized = (req.socket as import("node:tls").TLSSocket).authorized;
        if (authorized) res.writeHead(200).end("{}");
        else
          res
            .writeHead(400, { "content-type": "text/html" })
            .end("<html><center><h1>400 Bad Request</h1></center><center>The SSL certificate error</center></html>");
      },
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await probe([
        "--cert",
        files.stranger,
        "--key",
        files.strangerKey,
        "--host",
        `127.0.0.1:${port}`,
        "--ca",
        file("nginx-ca.pem", id.caPem),
      ]);
      expect(res.code).toBe(1);
      expect(findingIds(res.doc)).toContain("tls.client-cert-rejected");
      expect(res.doc.findings.find((f: { id: string }) => f.id === "tls.client-cert-rejected").message).toMatch(
        /400 with an SSL certificate error page/,
      );
    } finally {
      server.close();
    }
  });
});

describe("probe network failures", () => {
  it("classifies a closed port as net.refused", async () => {
    const closed = createNetServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const res = await probe(["--cert", files.good, "--key", files.goodKey, "--host", `127.0.0.1:${port}`]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toEqual(["net.refused"]);
  });

  it("classifies a listener that never answers as net.timeout, naming the step", async () => {
    const silent: Server = createNetServer(() => {});
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    const port = (silent.address() as { port: number }).port;
    try {
      const res = await probe([
        "--cert",
        files.good,
        "--key",
        files.goodKey,
        "--host",
        `127.0.0.1:${port}`,
        "--timeout",
        "300",
      ]);
      expect(res.code).toBe(1);
      expect(findingIds(res.doc)).toEqual(["net.timeout"]);
      expect(res.doc.findings[0].message).toMatch(/TLS handshake step got no answer within 300 ms/);
    } finally {
      silent.close();
    }
  });

  it("classifies an unresolvable name as net.dns", async () => {
    // The resolver's answer is given in-process: the test sends no DNS query (nothing beyond loopback).
    const host = "no-such-host.invalid";
    const { result: res, asked } = await withUnresolvableNames(() =>
      probe(["--cert", files.good, "--key", files.goodKey, "--host", host]),
    );
    expect(asked).toEqual([host]);
    expect(res.code).toBe(1);
    expect(findingIds(res.doc)).toEqual(["net.dns"]);
  });
});

describe("probe against openssl s_server (an independent TLS peer)", () => {
  let serverFiles: { cert: string; key: string; ca: string };
  beforeAll(async () => {
    const id = await makeServerIdentity(["localhost", "127.0.0.1"]);
    serverFiles = {
      cert: file("srv.pem", id.certPem),
      key: file("srv.key", id.keyPem),
      ca: file("srv-ca.pem", id.caPem),
    };
  });

  /** s_server requiring a client certificate from good's root, forced to one TLS version; probe as the client. */
  async function againstSServer(version: string, cert: string, key: string) {
    const trust = file("trust.pem", good.root.pem);
    const tls = `-tls1_${version.slice(2)}`;
    const s = await startSServer([
      "-cert",
      serverFiles.cert,
      "-key",
      serverFiles.key,
      "-Verify",
      "2",
      "-verify_return_error",
      "-CAfile",
      trust,
      tls,
    ]);
    try {
      const host = `127.0.0.1:${s.port}`;
      return await probe([
        "--cert",
        cert,
        "--key",
        key,
        "--host",
        host,
        "--ca",
        serverFiles.ca,
        "--path",
        "/",
        "--tls",
        version,
      ]);
    } finally {
      s.stop();
    }
  }

  for (const version of ["1.2", "1.3"]) {
    it(`TLS ${version}: accepts the chain its -CAfile trusts`, async () => {
      const res = await againstSServer(version, files.good, files.goodKey);
      expect(res.doc.findings.map((f: { id: string }) => f.id)).not.toContain("tls.ca-not-accepted");
      expect(res.doc.steps.find((st: { id: string }) => st.id === "tls").detail).toMatch(
        new RegExp(`^TLSv${version.replace(".", "\\.")}`),
      );
      expect(res.code).toBe(0);
    });

    it(`TLS ${version}: names the unknown_ca alert for a chain it does not trust`, async () => {
      const res = await againstSServer(version, files.stranger, files.strangerKey);
      expect(res.code).toBe(1);
      expect(findingIds(res.doc)).toEqual(["tls.ca-not-accepted", "tls.client-cert-rejected"]);
      const rejected = res.doc.findings.find((f: { id: string }) => f.id === "tls.client-cert-rejected");
      expect(rejected.message).toMatch(/TLS alert unknown_ca/);
      expect(res.doc.acceptableCaNames).toEqual(["CN = Good Co Root CA, O = Good Co"]);
    });
  }
});
