import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAhead, readBundle } from "../../../src/core/input/read-bundle.js";
import { decodeText } from "../../../src/core/input/text.js";
import { CertCache } from "../../../src/core/x509/cert-cache.js";
import { SignatureWorker } from "../../../src/core/x509/signature-worker.js";
import { FIXTURES } from "../../helpers/cli.js";

// The second thread's answers are OpenSSL's own (the same verify() call), and a run that loses the thread
// still judges every bundle: its checks are then made at each bundle's turn.
function leafAndIssuer(file: string, cache: CertCache) {
  const bytes = readFileSync(`${FIXTURES}${file}`);
  const { check } = readAhead(bytes, decodeText(bytes), cache);
  if (!check) throw new Error(`${file}: no leaf and issuer`);
  return check;
}

describe("SignatureWorker", () => {
  it("answers a good signature true and a forged one false, as the chain then sees them", async () => {
    const cache = new CertCache();
    const worker = new SignatureWorker();
    const good = leafAndIssuer("good/chain.pem", cache);
    const bad = leafAndIssuer("signature/bad-signature.pem", cache);
    const slots = [worker.queue(good.child, good.issuer, cache), worker.queue(bad.child, bad.issuer, cache)];
    expect(slots.map((s) => s?.answer)).toEqual([undefined, undefined]);
    await worker.flush();
    await worker.close();
    expect(slots.map((s) => s?.answer)).toEqual([true, false]);
    expect([cache.signedBy(good.child, good.issuer), cache.signedBy(bad.child, bad.issuer)]).toEqual([true, false]);
  });

  it("queues a leaf once, and never a CA (CA links are remembered anyway)", () => {
    const cache = new CertCache();
    const worker = new SignatureWorker();
    const { child, issuer } = leafAndIssuer("good/chain.pem", cache);
    expect(worker.queue(child, issuer, cache)).toBeDefined();
    expect(worker.queue(child, issuer, cache)).toBeUndefined();
    const root = readBundle(readFileSync(`${FIXTURES}good/chain.pem`), "chain.pem").entries[2].cert;
    expect(worker.queue(issuer, root, cache)).toBeUndefined();
  });

  it("settles unanswered once closed, and the bundle checks its own signature", async () => {
    const cache = new CertCache();
    const worker = new SignatureWorker();
    const { child, issuer } = leafAndIssuer("good/chain.pem", cache);
    await worker.close();
    expect(worker.queue(child, issuer, cache)).toBeUndefined();
    await worker.flush();
    expect(cache.signedBy(child, issuer)).toBe(true);
  });
});
