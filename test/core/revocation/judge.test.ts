import { describe, expect, it } from "vitest";
import { judgeRevocation } from "../../../src/core/revocation/judge.js";
import { planRevocation } from "../../../src/core/revocation/plan.js";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { issue, type Made } from "../../../src/lab/make-certs.js";

const der = (m: Made) => parseCertificate(Buffer.from(m.cert.rawData));

describe("revocation judging (no network: the answers are data)", () => {
  it("plans OCSP for the leaf, CRL where there is no OCSP URL, and notes an intermediate without URLs", async () => {
    const root = await issue({ subject: "CN=Plan Root", ca: true });
    const int = await issue({ subject: "CN=Plan CA", ca: true, issuer: root });
    const ocspLeaf = await issue({ subject: "CN=o", issuer: int, clientAuth: true, aia: { ocsp: "http://ocsp.test" } });
    const crlLeaf = await issue({ subject: "CN=c", issuer: int, clientAuth: true, crl: "http://crl.test/x.crl" });
    const chain = (leaf: Made) => [leaf, int, root].map((m, index) => ({ cert: der(m), index }));
    expect(planRevocation(chain(ocspLeaf)).map((i) => `${i.kind} ${i.question?.url ?? ""}`)).toEqual([
      "ocsp http://ocsp.test",
      "not-checked ",
    ]);
    expect(planRevocation(chain(crlLeaf)).map((i) => i.question?.kind)).toEqual(["crl", undefined]);
    expect(planRevocation([{ cert: der(ocspLeaf), index: 0 }]).map((i) => i.kind)).toEqual(["no-issuer"]);
  });

  it("turns a failed fetch into revocation.unavailable, quoting the URL and why", async () => {
    const int = await issue({ subject: "CN=Judge CA", ca: true });
    const leaf = await issue({ subject: "CN=j", issuer: int, clientAuth: true, aia: { ocsp: "http://ocsp.test" } });
    const items = planRevocation([
      { cert: der(leaf), index: 0 },
      { cert: der(int), index: 1 },
    ]);
    const res = await judgeRevocation(items, [{ ok: false, message: "HTTP 503" }], new Date());
    expect(res.findings.map((f) => `${f.severity} ${f.id}`)).toEqual(["warning revocation.unavailable"]);
    expect(res.findings[0].message).toMatch(/http:\/\/ocsp\.test did not answer usably \(HTTP 503\)/);
    expect(res.details).toEqual(["CN=j: OCSP unavailable (http://ocsp.test did not answer usably (HTTP 503))"]);
    const garbage = await judgeRevocation(items, [{ ok: true, body: Buffer.from("not OCSP") }], new Date());
    expect(garbage.findings[0].message).toMatch(/not valid OCSP/);
  });
});
