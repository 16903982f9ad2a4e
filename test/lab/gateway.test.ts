import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../src/lab/gateway-server.js";
import { makeClientChain } from "../../src/lab/make-certs.js";
import { BIN, ROOT, runCli } from "../helpers/cli.js";

type Chain = Pick<Awaited<ReturnType<typeof makeClientChain>>, "leaf" | "intermediate" | "bundle">;

function call(gw: Gateway, chain: Chain, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: gw.mtlsPort,
        method,
        path,
        headers,
        ca: gw.caPem,
        cert: chain.leaf.pem + chain.intermediate.pem,
        key: chain.leaf.keyPem,
      },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the gateway's OAuth flow", () => {
  let chain: Chain;
  let gw: Gateway;
  let narrow: Gateway;
  const basic = `Basic ${Buffer.from("app:secret").toString("base64")}`;
  const form = { authorization: basic, "content-type": "application/x-www-form-urlencoded", "x-request-id": "r-1" };
  beforeAll(async () => {
    chain = await makeClientChain("Flow Co");
    gw = await startGateway({ registered: [Buffer.from(chain.bundle)], clientKey: "app", clientSecret: "secret" });
    narrow = await startGateway({
      registered: [Buffer.from(chain.bundle)],
      clientKey: "app",
      clientSecret: "secret",
      scopes: ["ob-ps"],
    });
  });
  afterAll(async () => {
    await gw.close();
    await narrow.close();
  });

  it("issues a Bearer token that opens /ob/accounts", async () => {
    const token = await call(gw, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=client_credentials");
    expect(token.status).toBe(200);
    expect(token.json).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "ob-as ob-ps" });
    const accounts = await call(gw, chain, "GET", "/ob/accounts", {
      authorization: `Bearer ${token.json.access_token}`,
    });
    expect(accounts.status).toBe(200);
    expect(accounts.json.accounts).toHaveLength(1);
    expect((await call(gw, chain, "GET", "/ob/accounts", { authorization: "Bearer made-up" })).status).toBe(401);
  });

  it("refuses /ob/accounts without scope ob-as, and unknown grants", async () => {
    const token = await call(narrow, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=client_credentials");
    const accounts = await call(narrow, chain, "GET", "/ob/accounts", {
      authorization: `Bearer ${token.json.access_token}`,
    });
    expect(accounts).toMatchObject({ status: 403, json: { error: "insufficient_scope" } });
    const bad = await call(gw, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=password");
    expect(bad).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } });
    const code = await call(gw, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=authorization_code&code=x");
    expect(code).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    // RFC 6749 §5.2: a missing parameter is invalid_request; bad credentials win over a bad code (invalid_client).
    const none = await call(gw, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=authorization_code");
    expect(none).toMatchObject({ status: 400, json: { error: "invalid_request" } });
    const wrong = { ...form, authorization: `Basic ${Buffer.from("app:nope").toString("base64")}` };
    const both = await call(gw, chain, "POST", "/auth/v1/oauth2/token", wrong, "grant_type=authorization_code&code=x");
    expect(both).toMatchObject({ status: 401, json: { error: "invalid_client" } });
  });

  it("treats a --revoked serial like ConnectPay's application check: 403", async () => {
    const serial = chain.leaf.cert.serialNumber;
    const revoking = await startGateway({
      registered: [Buffer.from(chain.bundle)],
      clientKey: "app",
      clientSecret: "secret",
      revoked: [serial],
    });
    try {
      const res = await call(revoking, chain, "POST", "/auth/v1/oauth2/token", form, "grant_type=client_credentials");
      expect(res).toMatchObject({
        status: 403,
        json: { error: "access_denied", error_description: "certificate is revoked" },
      });
    } finally {
      await revoking.close();
    }
  });
});

describe("the gateway's request log", () => {
  it("logs one line per request: accepted, or refused and why", async () => {
    const chain = await makeClientChain("Log Co");
    const stranger = await makeClientChain("Stranger Co");
    const { issue } = await import("../../src/lab/make-certs.js");
    const unregistered = await issue({
      subject: "CN=Log Co client, O=Log Co",
      issuer: chain.intermediate,
      clientAuth: true,
    });
    const other = { ...chain, leaf: unregistered };
    const lines: string[] = [];
    const gw = await startGateway({
      registered: [Buffer.from(chain.bundle), Buffer.from(chain.bundle)],
      clientKey: "app",
      clientSecret: "secret",
      log: (line) => lines.push(line),
    });
    try {
      const good = { authorization: `Basic ${Buffer.from("app:secret").toString("base64")}`, "x-request-id": "r" };
      const bad = { ...good, authorization: `Basic ${Buffer.from("app:nope").toString("base64")}` };
      const token = "/auth/v1/oauth2/token";
      await call(gw, chain, "POST", token, good, "grant_type=client_credentials");
      await call(gw, chain, "POST", token, bad, "grant_type=client_credentials");
      await call(gw, other, "POST", token, good, "grant_type=client_credentials");
      await expect(call(gw, stranger, "POST", token, good, "grant_type=client_credentials")).rejects.toThrow();
      const serial = chain.leaf.cert.serialNumber.toLowerCase();
      expect(lines[0]).toMatch(
        new RegExp(`^POST /auth/v1/oauth2/token from CN=Log Co client serial ${serial}: 200 accepted$`, "i"),
      );
      expect(lines[1]).toMatch(/: 401 refused \(bad credentials \(invalid_client\)\)$/);
      expect(lines[2]).toMatch(
        /: 403 refused \(access_denied: certificate is not attached to a DevApp \(serial number and CN\)\)$/,
      );
      expect(lines[3]).toMatch(
        /^TLS handshake: refused \(unknown CA: the client chain does not lead to a registered root/,
      );
      expect(lines).toHaveLength(4);
    } finally {
      await gw.close();
    }
  });

  it("lists each acceptable CA name once, however many registered bundles share it", async () => {
    const chain = await makeClientChain("Twice Co");
    const gw = await startGateway({
      registered: [Buffer.from(chain.bundle), Buffer.from(chain.bundle)],
      clientKey: "app",
      clientSecret: "secret",
    });
    try {
      const { acceptableCaNames } = await import("../../src/net/openssl-ca-names.js");
      const names = await acceptableCaNames("127.0.0.1", gw.mtlsPort, 10_000);
      expect(names).toEqual({
        available: true,
        requested: true,
        names: ["CN = Twice Co Issuing CA, O = Twice Co", "CN = Twice Co Root CA, O = Twice Co"],
      });
    } finally {
      await gw.close();
    }
  });
});

describe("gateway --ocsp", () => {
  it("asks the client certificate's OCSP responder and refuses a revoked one with 403, as ConnectPay does", async () => {
    const { chainWithOcsp } = await import("../helpers/ocsp-chain.js");
    const ok = await chainWithOcsp("Fine Co");
    const bad = await chainWithOcsp("Revoked Co");
    bad.responder.revoke(bad.leaf.cert.serialNumber);
    const gw = await startGateway({
      registered: [Buffer.from(ok.bundle), Buffer.from(bad.bundle)],
      clientKey: "app",
      clientSecret: "secret",
      ocsp: true,
    });
    try {
      const form = { authorization: `Basic ${Buffer.from("app:secret").toString("base64")}`, "x-request-id": "r" };
      const good = await call(gw, ok, "POST", "/auth/v1/oauth2/token", form, "grant_type=client_credentials");
      expect(good.status).toBe(200);
      const refused = await call(gw, bad, "POST", "/auth/v1/oauth2/token", form, "grant_type=client_credentials");
      expect(refused).toMatchObject({
        status: 403,
        json: { error: "access_denied", error_description: "certificate is revoked" },
      });
    } finally {
      await gw.close();
      await ok.responder.close();
      await bad.responder.close();
    }
  });
});

/** Runs the built `gateway` in a new folder until it says it is listening; the caller stops it. */
async function startGatewayBin(registered: string) {
  const dir = mkdtempSync(`${tmpdir()}/cpc-gw-`);
  const args = ["gateway", "--registered", registered, "--client-key", "demo", "--port", "0", "--public-port", "0"];
  const child = execa("node", [BIN, ...args], {
    cwd: dir,
    env: { CONNECTPAY_CLIENT_SECRET: "gw-secret-value" },
    reject: false,
  });
  let out = "";
  await new Promise<void>((resolve) => {
    child.stdout?.on("data", (c) => {
      out += c;
      if (out.includes("Press Ctrl-C")) resolve();
    });
  });
  return { dir, child, out };
}

describe("connectpay-cert gateway (the command)", () => {
  it("prints its URLs, writes the server CA, and exits 0 on SIGTERM", async () => {
    const { dir, child, out } = await startGatewayBin(`${ROOT}fixtures/good/chain.pem`);
    expect(out).toMatch(/mTLS host: {2}https:\/\/127\.0\.0\.1:\d+/);
    expect(readFileSync(`${dir}/connectpay-gateway-ca.pem`, "utf8")).toMatch(/BEGIN CERTIFICATE/);
    child.kill("SIGTERM");
    const res = await child;
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toMatch(/gateway stopped/);
    expect(res.stdout + res.stderr).not.toContain("gw-secret-value");
  });

  it("warns when a --registered bundle is one check rejects, naming it and how to see why", async () => {
    const { child } = await startGatewayBin(`${ROOT}fixtures/chain/reversed.pem`);
    child.kill("SIGTERM");
    const res = await child;
    expect(res.stderr).toMatch(/warning: --registered .*reversed\.pem is a bundle check rejects \(chain\.reversed/);
    expect(res.stderr).toMatch(/Run `connectpay-cert check .*reversed\.pem` for why/);
  });

  it("exits 2 without --registered or without a secret", async () => {
    expect((await runCli(["gateway", "--client-key", "x"], { env: { CONNECTPAY_CLIENT_SECRET: "s" } })).code).toBe(2);
    const noSecret = await runCli(["gateway", "--registered", "fixtures/good/chain.pem", "--client-key", "x"]);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/no ClientSecret available/);
  });
});

describe("connectpay-cert demo (npm start)", () => {
  it("runs the journey: check, a green probe, and one realistic failure; exit 0", async () => {
    const res = await runCli(["demo"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/ConnectPay's rules: accepted/);
    expect(res.stdout).toMatch(/Probe: every step passed/);
    expect(res.stdout).toMatch(/✔ revocation CN=Demo Payments client: OCSP good/);
    expect(res.stdout).toMatch(/Probe failed at step tls: tls\.ca-not-accepted/);
    expect(res.stdout).toMatch(/error {3}.* \[tls\.client-cert-rejected\]$/m);
    expect(res.stdout).toMatch(/Demo finished: the registered chain passed every step/);
  });
});
