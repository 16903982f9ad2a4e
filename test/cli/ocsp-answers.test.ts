import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { type AnswerShape, startOcspResponder } from "../../src/lab/ocsp-responder.js";
import { ids, runCli } from "../helpers/cli.js";

// check --online against the rehearsal responder on 127.0.0.1, its answers bent: what RFC 6960 makes
// unusable must come out as revocation.unavailable with the reason, never as "good".
const AT = "2030-01-01T00:00:00Z";
const NOW = new Date(AT).getTime();
const hour = 3600_000;
const dates = { notBefore: new Date("2025-01-01"), notAfter: new Date("2099-01-01") };
const fresh = { thisUpdate: new Date(NOW - hour), nextUpdate: new Date(NOW + 24 * hour) };

async function checkAgainst(shape: (ca: Awaited<ReturnType<typeof issue>>) => Promise<AnswerShape>, human = false) {
  const root = await issue({ subject: "CN=OCSP Answers Root", ca: true, ...dates });
  const ca = await issue({ subject: "CN=OCSP Answers CA", ca: true, issuer: root, ...dates });
  const responder = await startOcspResponder(ca, { shape: await shape(ca) });
  try {
    const leaf = await issue({
      subject: "CN=ocsp leaf",
      issuer: ca,
      clientAuth: true,
      aia: { ocsp: responder.url },
      ...dates,
    });
    const file = `${mkdtempSync(`${tmpdir()}/cpc-ocsp-answers-`)}/bundle.pem`;
    writeFileSync(file, leaf.pem + ca.pem + root.pem);
    const argv = ["check", file, "--at", AT, "--online", "--allow-private-urls", ...(human ? [] : ["--json"])];
    const res = await runCli(argv);
    if (human) return { ...res, url: responder.url, ids: [], messages: "", revocation: undefined };
    const result = JSON.parse(res.stdout).results[0];
    const messages = result.findings.map((f: { message: string }) => f.message).join("\n");
    return {
      ...res,
      url: responder.url,
      ids: ids(res.stdout),
      messages,
      revocation: result.certificates[0].revocation,
    };
  } finally {
    await responder.close();
  }
}

describe("check --online: OCSP answers RFC 6960 makes unusable", () => {
  it("a fresh good answer is evidence: JSON revocation per certificate, and a human line naming the responder", async () => {
    const res = await checkAgainst(async () => fresh);
    expect(res.ids).not.toContain("revocation.unavailable");
    expect(res.revocation).toMatchObject({
      status: "good",
      source: "ocsp",
      from: res.url,
      thisUpdate: fresh.thisUpdate.toISOString(),
      nextUpdate: fresh.nextUpdate.toISOString(),
    });
    const human = await checkAgainst(async () => fresh, true);
    expect(human.stdout).toMatch(new RegExp(`not revoked: OCSP good from ${human.url}, produced \\d{4}-`));
  });

  it("a good answer from years ago without nextUpdate is too old (7 days at most)", async () => {
    const res = await checkAgainst(async () => ({ thisUpdate: new Date("2027-01-01"), nextUpdate: null }));
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.messages).toMatch(/no nextUpdate and its thisUpdate .* more than 7 days old/);
  });

  it("a good answer without nextUpdate from yesterday is good", async () => {
    const res = await checkAgainst(async () => ({ thisUpdate: new Date(NOW - 24 * hour), nextUpdate: null }));
    expect(res.revocation?.status).toBe("good");
  });

  it("an answer dated in the future is unusable", async () => {
    const res = await checkAgainst(async () => ({ thisUpdate: new Date(NOW + 24 * hour), nextUpdate: null }));
    expect(res.messages).toMatch(/dated in the future/);
  });

  it("a delegated responder whose certificate expired years ago is refused; one valid today is accepted", async () => {
    const responderCert = (ca: Awaited<ReturnType<typeof issue>>, notAfter: Date) =>
      issue({
        subject: "CN=OCSP Answers Responder",
        issuer: ca,
        ocspSigning: true,
        notBefore: new Date("2020-01-01"),
        notAfter,
      });
    const expired = await checkAgainst(async (ca) => ({
      ...fresh,
      responder: await responderCert(ca, new Date("2021-01-01")),
    }));
    expect(expired.ids).toContain("revocation.unavailable");
    expect(expired.messages).toMatch(/delegated responder's certificate is not valid at 2030-01-01/);
    const valid = await checkAgainst(async (ca) => ({
      ...fresh,
      responder: await responderCert(ca, new Date("2099-01-01")),
    }));
    expect(valid.revocation?.status).toBe("good");
  });

  it("an answer whose CertID names another issuer (the serial matches) is not about this certificate", async () => {
    const other = await issue({ subject: "CN=Some Other CA", ca: true, ...dates });
    const res = await checkAgainst(async () => ({ ...fresh, certIdIssuer: other }));
    expect(res.ids).toContain("revocation.unavailable");
    expect(res.messages).toMatch(/CertID names another issuer/);
  });
});
