import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../src/lab/gateway-server.js";
import { runCli } from "../helpers/cli.js";
import { makeTestCa, type TestCa } from "../helpers/openssl-ca.js";

// Issue 15: the whole journey, each step judged by the next and by real peers (openssl ca signs,
// a TLS gateway on 127.0.0.1 matches serial and CN like ConnectPay's application).
const SECRET = "life-cycle-secret";

describe("the certificate life cycle: csr → CA → fix → check --key → fix --zip → probe → renewal", () => {
  let ca: TestCa;
  let gw: Gateway | undefined;
  const dir = mkdtempSync(`${tmpdir()}/cpc-life-`);
  const f = (name: string) => `${dir}/${name}`;

  beforeAll(async () => {
    ca = await makeTestCa();
  });
  afterAll(() => gw?.close());

  it("runs from the first key to a caught renewal", { timeout: 30_000 }, async () => {
    const csr = await runCli([
      "csr",
      "--cn",
      "payments.acme.example",
      "--org",
      "Acme",
      "--country",
      "LT",
      "-o",
      f("acme"),
    ]);
    expect(csr.code).toBe(0);

    await ca.sign(f("acme.csr"), f("signed.pem"));
    const fixed = await runCli([
      "fix",
      f("signed.pem"),
      "--ca-file",
      ca.chainFile,
      "--no-system-roots",
      "-o",
      f("chain.pem"),
    ]);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(/Fixed: leaf → intermediate → root, passes check/);

    const checked = await runCli(["check", f("chain.pem"), "--key", f("acme.key"), "--json"]);
    expect(checked.code).toBe(0);
    const findings = JSON.parse(checked.stdout).results[0].findings.map((x: { id: string }) => x.id);
    expect(findings).not.toContain("key.mismatch");
    expect(findings).not.toContain("leaf.client-auth");

    const zip = await runCli([
      "fix",
      f("chain.pem"),
      "--zip",
      f("connectpay.zip"),
      "--company",
      "Acme",
      "--client-id",
      "devapp-1",
    ]);
    expect(zip.code).toBe(0);
    expect(zip.stdout).toMatch(/Serial number: 7A1003C0FFEE/);

    gw = await startGateway({
      registered: [readFileSync(f("chain.pem"))],
      clientKey: "devapp-1",
      clientSecret: SECRET,
    });
    const probe = (cert: string) =>
      runCli(
        ["probe", "--cert", cert, "--key", f("acme.key"), "--host", `127.0.0.1:${gw?.mtlsPort}`].concat([
          "--ca",
          `${dir}/gateway-ca.pem`,
          "--client-key",
          "devapp-1",
          "--json",
        ]),
        { env: { CONNECTPAY_CLIENT_SECRET: SECRET } },
      );
    writeFileSync(`${dir}/gateway-ca.pem`, gw.caPem ?? "");
    const green = await probe(f("chain.pem"));
    expect(green.code).toBe(0);

    // The CA renews: same key and CSR, new serial. Caught before deploy, and refused by the gateway.
    await ca.sign(f("acme.csr"), f("renewed-signed.pem"));
    await runCli([
      "fix",
      f("renewed-signed.pem"),
      "--ca-file",
      ca.chainFile,
      "--no-system-roots",
      "-o",
      f("renewed.pem"),
    ]);
    const renewal = await runCli(["check", f("renewed.pem"), "--registered", f("chain.pem"), "--json"]);
    expect(renewal.code).toBe(1);
    const caught = JSON.parse(renewal.stdout).results[0].findings.find(
      (x: { id: string }) => x.id === "registration.changed",
    );
    expect(caught.message).toMatch(/serial 7A1003C0FFEF \(registered: 7A1003C0FFEE\)/);
    const refused = await probe(f("renewed.pem"));
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).findings.map((x: { id: string }) => x.id)).toContain("auth.forbidden");
    const email = await runCli(["fix", f("renewed.pem"), "--zip", f("renewal.zip"), "--registered", f("chain.pem")]);
    expect(email.stdout).toMatch(/replaces the certificate with serial 7A1003C0FFEE/);
  });
});
