import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkBundle } from "../../../src/core/check-bundle.js";
import { readBundle } from "../../../src/core/input/read-bundle.js";
import { CertCache } from "../../../src/core/x509/cert-cache.js";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { FIXTURES } from "../../helpers/cli.js";

const bundle = readFileSync(`${FIXTURES}good/chain.pem`);
const options = { at: new Date("2030-01-01T00:00:00Z"), warnDays: 30, scope: "chain" as const, strict: false };
const caDer = () => {
  const { entries } = readBundle(bundle, "chain.pem");
  const ca = entries.find((e) => e.cert.basicConstraints?.ca);
  if (!ca) throw new Error("fixture has no CA");
  return ca.cert.der;
};

describe("one run's certificate memory", () => {
  it("answers a repeated CA from the run's own cache", () => {
    const cache = new CertCache();
    expect(cache.parse(caDer())).toBe(cache.parse(caDer()));
  });

  it("takes no DER or PEM text for a CA's that only ends like it (the memory is keyed by the last bytes)", () => {
    const cache = new CertCache();
    const der = caDer();
    const ca = cache.parse(der);
    // A byte before the DER: the same last bytes, not the same certificate (and not a certificate at all).
    expect(() => cache.parse(Buffer.concat([Buffer.from([0x30]), der]))).toThrow();
    const text = der.toString("base64");
    cache.rememberText(text, ca);
    expect(cache.knownText(text)).toBe(ca);
    expect(cache.knownText(`AAAA${text}`)).toBeUndefined();
    const other = text[10] === "A" ? "B" : "A";
    expect(cache.knownText(`${text.slice(0, 10)}${other}${text.slice(11)}`)).toBeUndefined();
  });

  it("is not shared with another run, nor kept by parseCertificate", () => {
    const der = caDer();
    expect(new CertCache().parse(der)).not.toBe(new CertCache().parse(der));
    expect(parseCertificate(der)).not.toBe(parseCertificate(der));
  });

  it("a certificate changed in one run does not change another run's verdict", () => {
    const expected = checkBundle(bundle, "chain.pem", options, new CertCache());
    const first = new CertCache();
    const { entries } = readBundle(bundle, "chain.pem", first);
    for (const e of entries) {
      e.cert.subject = "CN=changed by run 1";
      e.cert.basicConstraints = { ca: false };
    }
    expect(checkBundle(bundle, "chain.pem", options, new CertCache())).toEqual(expected);
    expect(checkBundle(bundle, "chain.pem", options, first)).not.toEqual(expected);
  });

  it("remembers what it worked out about a CA for its own run, and nothing about a leaf", () => {
    const cache = new CertCache();
    const { entries } = readBundle(bundle, "chain.pem", cache);
    const ca = entries.find((e) => e.cert.basicConstraints?.ca)?.cert;
    const leaf = entries.find((e) => !e.cert.basicConstraints?.ca)?.cert;
    if (!ca || !leaf) throw new Error("fixture has no CA or no leaf");
    let work = 0;
    const ask = (c: CertCache, cert: typeof ca, what = "question") => c.ofCa(cert, what, () => ++work);
    expect([ask(cache, ca), ask(cache, ca), ask(cache, ca, "another question")]).toEqual([1, 1, 2]);
    expect(ask(new CertCache(), ca)).toBe(3);
    expect([ask(cache, leaf), ask(cache, leaf)]).toEqual([4, 5]);
  });

  it("gives the bundles of one run the same summary object for a CA, and another run its own", () => {
    const cache = new CertCache();
    const [a, b] = [1, 2].map(() => checkBundle(bundle, "chain.pem", options, cache).result.certificates);
    const c = checkBundle(bundle, "chain.pem", options, new CertCache()).result.certificates;
    expect(a[0]).not.toBe(b[0]);
    expect(a[1]).toBe(b[1]);
    expect(a[2]).toBe(b[2]);
    expect(c[1]).not.toBe(a[1]);
    expect(c).toEqual(a);
  });
});
