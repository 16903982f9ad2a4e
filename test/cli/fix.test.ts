import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueCert } from "../helpers/ca.js";
import { FIXTURES, ids, runCli } from "../helpers/cli.js";

const AT = ["--at", "2030-01-01"];
const tmp = () => mkdtempSync(`${tmpdir()}/cpc-fix-`);
const ROOT_PEM = "fixtures/good/root.pem";

function caBundle(): string {
  const file = `${tmp()}/cas.pem`;
  writeFileSync(
    file,
    readFileSync(`${FIXTURES}good/intermediate.pem`, "utf8") + readFileSync(`${FIXTURES}good/root.pem`),
  );
  return file;
}

async function opensslAccepts(pem: string): Promise<boolean> {
  const blocks: string[] = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n/g) ?? [];
  const dir = tmp();
  writeFileSync(`${dir}/leaf.pem`, blocks[0]);
  writeFileSync(`${dir}/mid.pem`, blocks.slice(1, -1).join(""));
  writeFileSync(`${dir}/root.pem`, blocks.at(-1) ?? "");
  const attime = String(Date.UTC(2030, 0, 1) / 1000);
  const res = await execa(
    "openssl",
    [
      "verify",
      "-purpose",
      "sslclient",
      "-attime",
      attime,
      "-CAfile",
      `${dir}/root.pem`,
      "-untrusted",
      `${dir}/mid.pem`,
      `${dir}/leaf.pem`,
    ],
    { reject: false },
  );
  return res.exitCode === 0;
}

async function expectAcceptable(file: string): Promise<string> {
  const pem = readFileSync(file, "utf8");
  expect(pem).not.toContain("\r");
  expect(pem.endsWith("-----END CERTIFICATE-----\n")).toBe(true);
  expect(pem.replace(/-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+?-----END CERTIFICATE-----\n/g, "")).toBe("");
  const check = await runCli(["check", file, "--json", ...AT]);
  expect(check.code).toBe(0);
  expect(ids(check.stdout)).toEqual([]);
  expect(await opensslAccepts(pem)).toBe(true);
  return pem;
}

describe("fix turns every delivered shape into an acceptable chain", () => {
  it.each([
    ["chain/reversed.pem", [], /moved +CN=payments\.acme\.example: position 3 → 1/],
    ["chain/misordered.pem", [], /moved +CN=Demo Issuing CA 1: position 1 → 2/],
    ["chain/duplicate.pem", [], /removed +duplicate of CN=Demo Issuing CA 1/],
    ["format/bag-attributes.pem", [], /removed +12 line\(s\) of text outside the PEM blocks/],
    // The PEM written has LF line ends: "unchanged" would not be what was written (found in review).
    ["good/chain-crlf.pem", [], /converted from CR LF line ends to LF/],
    ["format/utf16.pem", [], /converted from UTF-16/],
    ["format/with-private-key.pem", [], /removed +1 private key\(s\): never written anywhere/],
    [
      "format/leaf.der",
      ["--ca-file", "CAS"],
      /converted from DER certificate[\s\S]+added +intermediate CN=Demo Issuing CA 1 from --ca-file/,
    ],
    ["format/chain.p7b", ["--ca-file", ROOT_PEM], /converted from PKCS#7 \(DER\)[\s\S]+added +root CN=Demo Root CA/],
    ["format/chain-p7b.pem", ["--ca-file", ROOT_PEM], /converted from PKCS#7 \(PEM\)/],
    [
      "chain/no-root.pem",
      ["--ca-file", ROOT_PEM],
      /added +root CN=Demo Root CA from --ca-file fixtures\/good\/root\.pem/,
    ],
    [
      "format/leaf-and-key.p12",
      ["--password-env", "P12_PW", "--ca-file", ROOT_PEM],
      /converted from PKCS#12[\s\S]+removed +1 private key/,
    ],
  ])("%s", async (input, extra, report) => {
    const out = `${tmp()}/fixed.pem`;
    const args = extra.map((a) => (a === "CAS" ? caBundle() : a));
    const res = await runCli(["fix", `fixtures/${input}`, "-o", out, ...args, ...AT], {
      env: { P12_PW: "fixture-password" },
    });
    expect(res.stderr).toMatch(report);
    expect(res.stderr).toMatch(/Fixed: leaf → intermediate → root, passes check; written to/);
    expect(res.code).toBe(0);
    const pem = await expectAcceptable(out);
    expect(pem).not.toContain("PRIVATE KEY");
  });

  it("prints the fixed PEM on stdout without -o, and the report on stderr", async () => {
    const res = await runCli(["fix", "fixtures/chain/reversed.pem", ...AT]);
    expect(res.code).toBe(0);
    expect(res.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
    expect(res.stderr).toMatch(/moved/);
  });

  it("reports the same as data with --json", async () => {
    const res = await runCli(["fix", "fixtures/format/chain.p7b", "--ca-file", ROOT_PEM, "--json", ...AT]);
    const doc = JSON.parse(res.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, ok: true, format: "PKCS#7 (DER)", path: [0, 1, 2] });
    expect(doc.changes).toContainEqual({
      kind: "added",
      certificate: "CN=Demo Root CA",
      role: "root",
      from: `--ca-file ${ROOT_PEM}`,
    });
    expect(doc.pem.match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  });
});

describe("fix refuses what cannot be made acceptable, and writes nothing", () => {
  it.each([
    ["leaf/self-signed.pem", [], /leaf\.self-signed/],
    ["validity/expired-leaf.pem", [], /validity\.expired/],
    [
      "chain/no-root.pem",
      ["--no-system-roots"],
      /--fetch-missing would download it from http:\/\/ca\.demo\.example\/root\.cer/,
    ],
    ["leaf/server-auth-only.pem", [], /leaf\.client-auth/],
  ])("%s", async (input, extra, reason) => {
    const out = `${tmp()}/fixed.pem`;
    const res = await runCli(["fix", `fixtures/${input}`, "-o", out, ...extra, ...AT]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(reason);
    expect(res.stderr).toMatch(/No acceptable chain can be made from this input; nothing was written\./);
    expect(existsSync(out)).toBe(false);
    expect(res.stdout).toBe("");
  });

  it("says so for input that holds no certificate, and why, writing nothing", async () => {
    const dir = tmp();
    const pointer = `${dir}/chain.pem`;
    writeFileSync(
      pointer,
      "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 1234\n",
    );
    writeFileSync(`${dir}/noise.der`, Buffer.from([0x8b, 0x1f, 0x00, 0xff, 0x42, 0x03, 0xa7]));
    const keyAndBroken = `${dir}/key-and-broken.pem`;
    const broken = "-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n";
    writeFileSync(keyAndBroken, readFileSync(`${FIXTURES}good/leaf.key`, "utf8") + broken);
    for (const [input, why] of [
      ["fixtures/format/empty.pem", /no certificate could be read: the input is empty\.$/],
      [
        pointer,
        /no certificate could be read: the input is a Git LFS pointer \(the file itself was never fetched\): run `git lfs pull`\.$/,
      ],
      [`${dir}/noise.der`, /no certificate could be read: the input is neither PEM, DER, PKCS#7 nor PKCS#12\.$/],
      ["fixtures/good/leaf.key", /no certificate could be read: it holds a private key and no certificate\.$/],
      [
        keyAndBroken,
        /no certificate could be read: the certificate at block 2 \(line \d+\) is malformed \(`connectpay-cert check` says why\)\.$/,
      ],
    ] as const) {
      const res = await runCli(["fix", input, "-o", `${dir}/out.pem`]);
      expect(res.code, input).toBe(1);
      expect(res.stderr.trim()).toMatch(why);
    }
    expect(existsSync(`${dir}/out.pem`)).toBe(false);
  });
});

describe("fix usage errors", () => {
  it("refuses to overwrite its input", async () => {
    const dir = tmp();
    writeFileSync(`${dir}/chain.pem`, readFileSync(`${FIXTURES}chain/reversed.pem`));
    const res = await runCli(["fix", `${dir}/chain.pem`, "-o", `${dir}/chain.pem`, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/-o: .*chain\.pem is the input file/);
    expect(readFileSync(`${dir}/chain.pem`)).toEqual(readFileSync(`${FIXTURES}chain/reversed.pem`));
  });

  it("refuses to write over a --crl-file input, as over every other input (found in review)", async () => {
    const dir = tmp();
    writeFileSync(`${dir}/list.crl`, "not overwritten");
    for (const out of [
      ["-o", `${dir}/list.crl`],
      ["--zip", `${dir}/list.crl`],
    ]) {
      const res = await runCli(["fix", "fixtures/good/chain.pem", "--crl-file", `${dir}/list.crl`, ...out, ...AT]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/list\.crl is the input file/);
    }
    expect(readFileSync(`${dir}/list.crl`, "utf8")).toBe("not overwritten");
  });

  it("packages only a client certificate chain: --zip with another --purpose is refused", async () => {
    const zip = `${tmp()}/pkg.zip`;
    const res = await runCli(["fix", "fixtures/good/chain.pem", "--purpose", "any", "--zip", zip, ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--zip: the package is for ConnectPay, whose gateway needs a client certificate/);
    expect(existsSync(zip)).toBe(false);
  });

  it("says a .p7b output is for the user's systems, not the PEM to send", async () => {
    const out = `${tmp()}/chain.p7b`;
    const res = await runCli(["fix", "fixtures/good/chain.pem", "-o", out, ...AT]);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`${out} holds the chain as PKCS#7, for your own systems: send ConnectPay the PEM`);
    const pem = await runCli(["fix", "fixtures/good/chain.pem", "-o", `${tmp()}/chain.pem`, ...AT]);
    expect(pem.stderr).not.toContain("for your own systems");
  });

  it("needs a PKCS#12 password from the environment or a file, and says when it is wrong", async () => {
    const none = await runCli(["fix", "fixtures/format/leaf-and-key.p12"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/needs its password: use --password-env VAR or --password-file FILE/);
    const dir = tmp();
    writeFileSync(`${dir}/pw`, "not-it\n");
    const wrong = await runCli(["fix", "fixtures/format/leaf-and-key.p12", "--password-file", `${dir}/pw`]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/PKCS#12 password is wrong/);
    expect(wrong.stderr).not.toContain("not-it");
  });
});

describe("fix --fetch-missing downloads the intermediate named by AIA from a local server", () => {
  let server: Server;
  let base = "";
  const served = new Map<string, { status?: number; body?: Buffer; location?: string }>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const r = served.get(req.url ?? "") ?? { status: 404 };
      if (r.location) res.writeHead(302, { location: r.location }).end();
      else res.writeHead(r.status ?? 200).end(r.body);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  async function chainServedAt(path: string, body: (der: Buffer, pem: string) => Buffer) {
    const root = await issueCert({ subject: "CN=AIA Test Root", ca: true });
    const int = await issueCert({ subject: "CN=AIA Test Issuing CA", ca: true, issuer: root });
    const leaf = await issueCert({ subject: "CN=aia-client", issuer: int, aiaCaIssuers: `${base}${path}` });
    served.set("/real.cer", { body: body(int.der, int.pem) });
    const dir = tmp();
    writeFileSync(`${dir}/leaf.pem`, leaf.pem);
    writeFileSync(`${dir}/root.pem`, root.pem);
    return dir;
  }

  /** `fix` of the served chain's leaf with its root as --ca-file, downloading what is missing. */
  const fetchMissing = (dir: string) =>
    runCli([
      "fix",
      `${dir}/leaf.pem`,
      "--ca-file",
      `${dir}/root.pem`,
      "--fetch-missing",
      "--allow-private-urls",
      ...AT,
    ]);

  it.each([
    ["DER", (der: Buffer) => der],
    ["PEM", (_der: Buffer, pem: string) => Buffer.from(pem)],
  ])("completes the chain from a %s response behind a redirect", async (_kind, body) => {
    const dir = await chainServedAt("/issuer.cer", body);
    served.set("/issuer.cer", { location: "/real.cer" });
    const args = ["fix", `${dir}/leaf.pem`, "--ca-file", `${dir}/root.pem`, "-o", `${dir}/out.pem`, ...AT];
    const without = await runCli(args);
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(`--fetch-missing would download it from ${base}/issuer.cer`);
    const res = await runCli([...args, "--fetch-missing", "--allow-private-urls"]);
    expect(res.stderr).toContain(`added     intermediate CN=AIA Test Issuing CA from ${base}/issuer.cer`);
    expect(res.code).toBe(0);
    expect(readFileSync(`${dir}/out.pem`, "utf8").match(/BEGIN CERTIFICATE/g)).toHaveLength(3);
  });

  it("refuses a downloaded certificate whose key did not sign the leaf", async () => {
    const dir = await chainServedAt("/wrong.cer", (der) => der);
    const stranger = await issueCert({ subject: "CN=AIA Test Issuing CA", ca: true });
    served.set("/wrong.cer", { body: stranger.der });
    const res = await fetchMissing(dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/returned no certificate whose key signed it/);
  });

  it("reports an HTTP error as the reason", async () => {
    const dir = await chainServedAt("/missing.cer", (der) => der);
    const res = await fetchMissing(dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/fetching http:\/\/127\.0\.0\.1:\d+\/missing\.cer failed: HTTP 404/);
    // The hint does not send the user back to the option that just failed (issue 14).
    expect(res.stderr).not.toMatch(/→ .*fix .*--fetch-missing -o/);
    expect(res.stderr).toMatch(/--fetch-missing could not complete it \(see the gap above\)/);
  });
});

describe("fix --zip: the package to email", () => {
  it("holds the chain and a summary, no key, and prints the email body", async () => {
    const dir = tmp();
    const zip = `${dir}/acme.zip`;
    const res = await runCli([
      "fix",
      "fixtures/format/with-private-key.pem",
      "--zip",
      zip,
      "--company",
      "Acme Payments UAB",
      "--client-id",
      "devapp-123",
      ...AT,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^To: dev-support@connectpay\.com$/m);
    expect(res.stdout).toMatch(/^Company Name: Acme Payments UAB$/m);
    expect(res.stdout).toMatch(/^Developer Name: <Developer Name>$/m);
    expect(res.stdout).toMatch(/^DevApp Client ID: devapp-123$/m);
    // Every placeholder left is said, with the flag that fills it; the fields given are not.
    expect(res.stderr).toMatch(/^warning: the email body still says <Developer Name>: .*--developer-name/m);
    expect(res.stderr).toMatch(/^warning: the email body still says <Developer Email>: .*--developer-email/m);
    expect(res.stderr).toMatch(/^warning: the email body still says <Developer Phone>: .*--developer-phone/m);
    expect(res.stderr).not.toMatch(/<Company Name>|<DevApp Client ID>/);
    expect(res.stdout).toMatch(/^Serial number: [0-9A-F]+$/m);
    const list = await execa("unzip", ["-l", zip]);
    expect(list.stdout).toMatch(/payments\.acme\.example-chain\.pem/);
    expect(list.stdout).toMatch(/certificate-summary\.txt/);
    expect(list.stdout).toMatch(/2 files/);
    const all = await execa("unzip", ["-p", zip]);
    expect(all.stdout).not.toContain("PRIVATE KEY");
    await execa("unzip", ["-q", zip, "-d", `${dir}/x`]);
    await expectAcceptable(`${dir}/x/payments.acme.example-chain.pem`);
    expect(readFileSync(`${dir}/x/certificate-summary.txt`, "utf8")).toMatch(
      /1\. leaf\n {3}subject: {2}CN=payments\.acme\.example/,
    );
  });

  it("warns about no placeholder when every field is given", async () => {
    const fields = ["--company", "A", "--developer-name", "B", "--developer-email", "b@a.example"];
    const more = ["--developer-phone", "+370 600 00000", "--client-id", "c"];
    const res = await runCli([
      "fix",
      "fixtures/good/chain.pem",
      "--zip",
      `${tmp()}/all.zip`,
      ...fields,
      ...more,
      ...AT,
    ]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/<[A-Z][a-z]/);
    expect(res.stderr).not.toMatch(/still says/);
  });

  it("refuses to package a chain that does not pass check", async () => {
    const zip = `${tmp()}/bad.zip`;
    const res = await runCli(["fix", "fixtures/leaf/self-signed.pem", "--zip", zip, ...AT]);
    expect(res.code).toBe(1);
    expect(existsSync(zip)).toBe(false);
  });
});
