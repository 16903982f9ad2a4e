import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { toPem } from "../../src/core/input/pem.js";
import { issue, type Made } from "../../src/lab/make-certs.js";
import { ids, runCli } from "../helpers/cli.js";
import { type CrlV2Shape, crlExt, ECDSA_SHA384, tlv, writeCrlV2 } from "../helpers/crl.js";

// check --crl-file: each way a CRL once made a revoked certificate pass (or a good one fail) is a CRL
// written byte by byte here. Whatever is wrong with the CRL, the answer is revocation.unavailable with the
// reason: never "good", never "revoked" from a list that cannot be trusted.
const AT = "2030-01-01T00:00:00Z";
const NOW = new Date(AT);
const day = 86_400_000;
const fresh = { thisUpdate: new Date(NOW.getTime() - day), nextUpdate: new Date(NOW.getTime() + 7 * day) };
const dates = { notBefore: new Date("2025-01-01"), notAfter: new Date("2099-01-01") };
const LEAF_SERIAL = "7E57AB";
const CRL_URL = "http://crl.example.test/ca.crl";

let dir: string;
let root: Made;
let ca: Made;
let leaf: Made;
let bundle: string;

beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/cpc-crl-file-`);
  root = await issue({ subject: "CN=CRL File Root", ca: true, ...dates });
  ca = await issue({ subject: "CN=CRL File CA", ca: true, issuer: root, ...dates });
  leaf = await issue({
    subject: "CN=crl file leaf",
    issuer: ca,
    clientAuth: true,
    crl: CRL_URL,
    serial: LEAF_SERIAL,
    ...dates,
  });
  bundle = write("bundle.pem", leaf.pem + ca.pem + root.pem);
});

let n = 0;
function write(name: string, data: Buffer | string): string {
  const file = `${dir}/${n++}-${name}`;
  writeFileSync(file, data);
  return file;
}

async function checkWith(crls: Buffer[], extra: string[] = [], files = bundle) {
  const args = crls.flatMap((c) => ["--crl-file", write("ca.crl", c)]);
  const res = await runCli(["check", "--json", files, "--at", AT, ...args, ...extra]);
  const doc = JSON.parse(res.stdout);
  const leafResult = doc.results[0];
  const messages = leafResult.findings.map((f: { message: string }) => f.message).join("\n");
  return { ...res, ids: ids(res.stdout), messages, revocation: leafResult.certificates[0].revocation };
}

const listing = (shape: Partial<CrlV2Shape> = {}) =>
  writeCrlV2(ca, { ...fresh, entries: [{ serial: LEAF_SERIAL, reason: 1 }], ...shape });

describe("check --crl-file: a CRL's verdict", () => {
  it("revoked: exit 1 with the time and reason; good: exit 0 with the evidence in JSON and human output", async () => {
    const revoked = await checkWith([listing()]);
    expect(revoked.code).toBe(1);
    expect(revoked.ids).toContain("revocation.revoked");
    expect(revoked.messages).toMatch(/REVOKED since 2025-01-01T00:00:00.000Z \(reason: keyCompromise\)/);
    const good = await checkWith([writeCrlV2(ca, { ...fresh, entries: [{ serial: "01" }] })]);
    expect(good.ids).not.toContain("revocation.unavailable");
    expect(good.revocation).toMatchObject({
      status: "good",
      source: "crl",
      thisUpdate: fresh.thisUpdate.toISOString(),
    });
    expect(good.revocation.nextUpdate).toBe(fresh.nextUpdate.toISOString());
    const crlFile = write("good.crl", writeCrlV2(ca, { ...fresh }));
    const human = await runCli(["check", bundle, "--at", AT, "--crl-file", crlFile]);
    expect(human.stdout).toContain(
      `not revoked: CRL good from ${crlFile}, thisUpdate ${fresh.thisUpdate.toISOString()}`,
    );
  });

  it("reads PEM as well as DER, and refuses a file that holds no CRL (exit 2)", async () => {
    const pem = write("ca.pem", toPem(listing(), "X509 CRL"));
    const res = await runCli(["check", "--json", bundle, "--at", AT, "--crl-file", pem]);
    expect(ids(res.stdout)).toContain("revocation.revoked");
    const junk = await runCli(["check", bundle, "--at", AT, "--crl-file", write("junk.crl", "not a CRL")]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/--crl-file: .*junk\.crl: it is not a DER CRL/);
  });

  it("a leaf whose issuer has no CRL among the files is unavailable, not good", async () => {
    const other = await issue({ subject: "CN=Another CA", ca: true, ...dates });
    const res = await checkWith([writeCrlV2(other, { ...fresh })]);
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.messages).toMatch(/no CRL from its issuer is among the --crl-file files/);
    expect(await runCli(["check", bundle, "--at", AT, "--crl-file", "missing.crl"])).toMatchObject({ code: 2 });
  });

  it("applies a delta CRL to its base: listed on the delta is revoked, removeFromCRL on the delta releases", async () => {
    const base = writeCrlV2(ca, { ...fresh, extensions: [crlExt.number(10)] });
    const delta = (reason: number) =>
      writeCrlV2(ca, {
        ...fresh,
        entries: [{ serial: LEAF_SERIAL, reason }],
        extensions: [crlExt.number(11), crlExt.delta(10)],
      });
    expect((await checkWith([base, delta(1)])).ids).toContain("revocation.revoked");
    const held = writeCrlV2(ca, {
      ...fresh,
      entries: [{ serial: LEAF_SERIAL, reason: 6 }],
      extensions: [crlExt.number(10)],
    });
    expect((await checkWith([held])).ids).toContain("revocation.revoked");
    const released = await checkWith([held, delta(8)]);
    expect(released.ids).not.toContain("revocation.revoked");
    expect(released.revocation.status).toBe("good");
    // A delta CRL alone is no complete list.
    expect((await checkWith([delta(1)])).ids).toEqual(expect.arrayContaining(["revocation.unavailable"]));
  });
});

describe("fix --crl-file", () => {
  it("refuses to write a fixed chain whose leaf a CRL lists, and writes it when the CRL does not", async () => {
    const { existsSync } = await import("node:fs");
    const reversed = write("reversed.pem", root.pem + ca.pem + leaf.pem);
    const out = `${dir}/fixed.pem`;
    const revokedCrl = write("revoked.crl", listing());
    const res = await runCli(["fix", reversed, "-o", out, "--json", "--at", AT, "--crl-file", revokedCrl]);
    expect(res.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const doc = JSON.parse(res.stdout);
    expect(doc.findings.map((f: { id: string }) => f.id)).toContain("revocation.revoked");
    expect(doc.certificates[0].revocation).toMatchObject({ status: "revoked", source: "crl", reason: "keyCompromise" });
    const goodCrl = write("good.crl", writeCrlV2(ca, { ...fresh }));
    const ok = await runCli(["fix", reversed, "-o", out, "--at", AT, "--crl-file", goodCrl]);
    expect(ok.code).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe("check --crl-file: a CRL that does not speak for the certificate is unusable, never good", () => {
  it.each([
    ["it covers only CA certificates", { extensions: [crlExt.idp({ onlyCa: true })] }, /onlyContainsCACerts/],
    // Listed for keyCompromise would be revoked; unlisted says nothing about the other reasons.
    [
      "it covers only some reasons",
      { extensions: [crlExt.idp({ reasons: 0x40 })], entries: [] },
      /only some revocation reasons/,
    ],
    [
      "it is for another distribution point",
      { extensions: [crlExt.idp({ uri: "http://other.test/x.crl" })] },
      /another distribution point/,
    ],
    [
      "it is an indirect CRL of another issuer",
      { extensions: [crlExt.idp({ indirect: true })], otherIssuer: true },
      /no CRL from/,
    ],
    ["its issuer name is another CA's (same key)", { otherIssuer: true }, /no CRL from/],
    ["its thisUpdate is in the future", { thisUpdate: new Date(NOW.getTime() + day) }, /dated in the future/],
    ["its nextUpdate has passed", { thisUpdate: new Date("2029-01-01"), nextUpdate: new Date("2029-02-01") }, /stale/],
    [
      "its inner signature algorithm differs",
      { innerAlgorithm: ECDSA_SHA384 },
      /inner and outer signature algorithms differ/,
    ],
    ["it is signed by another key", { signedByOther: true }, /signature does not verify/],
    ["it has an unknown critical extension", { extensions: [crlExt.unknownCritical()] }, /unknown critical extension/],
    ["it is v3", { version: 2 }, /version field is 02, not v2/],
    ["it is v1 with an explicit version", { version: 0 }, /version field is 00, not v2/],
    ["it is v1 with extensions", { version: null, extensions: [crlExt.number(1)] }, /v1 CRL carries extensions/],
  ])("unavailable when %s", async (_what, shape, why) => {
    const other = await issue({ subject: "CN=Elsewhere CA", ca: true, ...dates });
    const { otherIssuer, signedByOther, ...rest } = shape as Partial<CrlV2Shape> & {
      otherIssuer?: boolean;
      signedByOther?: boolean;
    };
    const crl = listing({
      ...rest,
      issuerDer: otherIssuer ? Buffer.from(other.cert.subjectName.toArrayBuffer()) : undefined,
      signer: signedByOther ? other : undefined,
    });
    const res = await checkWith([crl]);
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.ids).not.toContain("revocation.revoked");
    expect(res.messages).toMatch(why);
    expect(res.revocation.status).toBe("unavailable");
    expect((await checkWith([crl], ["--strict"])).code).toBe(1);
  });

  it.each([
    [
      "garbage in a revoked entry",
      { entries: [{ serial: LEAF_SERIAL, raw: tlv(0x30, tlv(0x02, Buffer.from([0x7e]))) }] },
    ],
    ["a CRL-entry extension in a v1 CRL", { version: null, entries: [{ serial: LEAF_SERIAL, reason: 1 }] }],
    [
      "an unknown critical CRL-entry extension",
      { entries: [{ serial: LEAF_SERIAL, extensions: [crlExt.unknownCritical()] }] },
    ],
  ])("a list that cannot be read whole is unavailable, not revoked: %s", async (_what, shape) => {
    const res = await checkWith([listing(shape as Partial<CrlV2Shape>)]);
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.ids).not.toContain("revocation.revoked");
  });

  it("a CRL signed by a CA certificate whose key usage lacks cRLSign is unusable", async () => {
    const noSign = await issue({ subject: "CN=No cRLSign CA", ca: true, noCrlSign: true, issuer: root, ...dates });
    const child = await issue({
      subject: "CN=nc leaf",
      issuer: noSign,
      clientAuth: true,
      serial: LEAF_SERIAL,
      ...dates,
    });
    const files = write("nc.pem", child.pem + noSign.pem + root.pem);
    const res = await checkWith([writeCrlV2(noSign, { ...fresh })], [], files);
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.messages).toMatch(/lacks cRLSign/);
  });
});
