import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { revokedFinding, unavailableFinding, unknownFinding } from "../../../src/core/findings/revocation.js";
import { readBundle } from "../../../src/core/input/read-bundle.js";
import { FIXTURES } from "../../helpers/cli.js";
import { expectExample } from "./expect-example.js";

// The OCSP and CRL answers come from a responder (test/net/ocsp.test.ts runs real ones); here each
// message is built from the answer's facts for the good chain's leaf.
const leaf = readBundle(readFileSync(`${FIXTURES}good/chain.pem`), "chain.pem").entries[0].cert;

describe("revocation findings, from the responder's answer", () => {
  it("revoked, unknown, unavailable", () => {
    const revoked = revokedFinding(leaf, 0, new Date("2030-01-01T00:00:00Z"), "keyCompromise");
    expectExample("revocation.revoked", revoked);
    expect(revoked.certificate).toBe(0);
    expectExample("revocation.unknown", unknownFinding(leaf, 0, "http://ocsp.demo.example"));
    expectExample("revocation.unavailable", unavailableFinding(leaf, "the certificate names no OCSP or CRL URL", 0));
  });
});
