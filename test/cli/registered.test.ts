import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../src/lab/gateway-server.js";
import { issue, type Made } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";

// Fixed dates: the gateway checks validity with the real clock, check with --at.
const dates = { notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2098-12-31T00:00:00Z") };
const AT = ["--at", "2030-01-01"];
const dir = mkdtempSync(`${tmpdir()}/cpc-registered-`);

interface Bundle {
  leaf: Made;
  issuer: Made;
  file: string;
}

let root: Made;
const chains: Record<string, Bundle> = {};

async function leafChain(name: string, issuer: Made, subject: string, serial: string): Promise<Bundle> {
  const leaf = await issue({ subject, issuer, clientAuth: true, serial, ...dates });
  const file = `${dir}/${name}.pem`;
  writeFileSync(file, leaf.pem + issuer.pem + root.pem);
  return { leaf, issuer, file };
}

beforeAll(async () => {
  root = await issue({ subject: "CN=Acme Root CA, O=Acme", ca: true, ...dates });
  const ca1 = await issue({ subject: "CN=Acme Issuing CA 1, O=Acme", ca: true, issuer: root, ...dates });
  const ca2 = await issue({ subject: "CN=Acme Issuing CA 2, O=Acme", ca: true, issuer: root, ...dates });
  const cn = "CN=payments.acme.example, O=Acme";
  chains.registered = await leafChain("registered", ca1, cn, "7a1003c0ffee");
  chains.renewed = await leafChain("renewed", ca1, cn, "7a1003c0ffef");
  chains.renamed = await leafChain("renamed", ca1, "CN=pay.acme.example, O=Acme", "7a1003c0ffee");
  chains.moved = await leafChain("moved", ca2, cn, "7a1003c0fff0");
  // Same serial and CN from another intermediate: ConnectPay matches serial and CN only, so it passes.
  chains.reissued = await leafChain("reissued", ca2, cn, "7a1003c0ffee");
}, 30_000);

const changed = async (name: string) => {
  const res = await runCli(["check", chains[name].file, "--registered", chains.registered.file, "--json", ...AT]);
  const findings = JSON.parse(res.stdout).results[0].findings as { id: string; message: string }[];
  return { res, finding: findings.find((f) => f.id === "registration.changed") };
};

describe("check --registered", () => {
  it("accepts the registered certificate itself", async () => {
    const { res, finding } = await changed("registered");
    expect(finding).toBeUndefined();
    expect(res.code).toBe(0);
  });

  it("catches a renewal deployed before it was registered, naming the serials and pointing to fix --zip", async () => {
    const { res, finding } = await changed("renewed");
    expect(res.code).toBe(1);
    expect(finding?.id).toBe("registration.changed");
    expect(finding?.message).toMatch(/serial 7A1003C0FFEF \(registered: 7A1003C0FFEE\)/);
    expect(finding?.message).not.toMatch(/CN "|issuer /);
    const human = await runCli(["check", chains.renewed.file, "--registered", chains.registered.file, ...AT]);
    expect(human.stdout).toMatch(/must be sent|until the new one is sent/);
    expect(human.stdout).toContain(
      `connectpay-cert fix ${chains.renewed.file} --zip connectpay.zip --registered ${chains.registered.file}\``,
    );
    expect(human.stdout).toMatch(/\[registration\.changed\]$/m);
  });

  it("names a changed CN, and the issuer when it changed too", async () => {
    const renamed = await changed("renamed");
    expect(renamed.finding?.message).toMatch(/CN "pay\.acme\.example" \(registered: "payments\.acme\.example"\)/);
    expect(renamed.finding?.message).not.toMatch(/serial [0-9A-F]+ \(registered/);
    const moved = await changed("moved");
    expect(moved.finding?.message).toMatch(
      /serial 7A1003C0FFF0 \(registered: 7A1003C0FFEE\); issuer CN=Acme Issuing CA 2, O=Acme \(registered: CN=Acme Issuing CA 1, O=Acme\)/,
    );
    const reissued = await changed("reissued");
    expect(reissued.finding).toBeUndefined();
  });

  it("refuses an unreadable --registered file with exit 2", async () => {
    const res = await runCli(["check", chains.renewed.file, "--registered", `${dir}/nope.pem`, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--registered/);
    const empty = `${dir}/empty.pem`;
    writeFileSync(empty, "not a certificate\n");
    const bad = await runCli(["check", chains.renewed.file, "--registered", empty, ...AT]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--registered: .* holds no readable PEM certificate/);
  });
});

/** What the rehearsal gateway's application says to a chain: 403 "not attached" or let through. */
function gatewayAttached(gw: Gateway, b: Bundle): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: gw.mtlsPort,
        method: "GET",
        path: "/ob/accounts",
        ca: gw.caPem,
        cert: b.leaf.pem + b.issuer.pem,
        key: b.leaf.keyPem,
      },
      (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve(!(res.statusCode === 403 && text.includes("not attached"))));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("gateway --registered and check --registered agree", () => {
  let gw: Gateway;
  beforeAll(async () => {
    const { readFileSync } = await import("node:fs");
    gw = await startGateway({ registered: [readFileSync(chains.registered.file)], clientKey: "k", clientSecret: "s" });
  });
  afterAll(() => gw?.close());

  it.each(["registered", "renewed", "renamed", "moved", "reissued"])("on the pair (registered, %s)", async (name) => {
    const attached = await gatewayAttached(gw, chains[name]);
    const { finding } = await changed(name);
    expect(attached).toBe(finding === undefined);
    expect(attached).toBe(name === "registered" || name === "reissued");
  });
});

describe("fix --zip --registered", () => {
  it("says in the email that a renewal replaces the registered serial", async () => {
    const zip = `${dir}/renewal.zip`;
    const res = await runCli(["fix", chains.renewed.file, "--zip", zip, "--registered", chains.registered.file, ...AT]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/replaces the certificate with serial 7A1003C0FFEE \(CN=payments\.acme\.example/);
    expect(res.stdout).toMatch(/Serial number: 7A1003C0FFEF/);
  });

  it("says nothing of a renewal when the chain is the registered certificate", async () => {
    const res = await runCli([
      "fix",
      chains.registered.file,
      "--zip",
      `${dir}/same.zip`,
      "--registered",
      chains.registered.file,
      ...AT,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/renewal|replaces/);
  });
});
