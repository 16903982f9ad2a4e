import { describe, expect, it } from "vitest";
import { signatureInvalid } from "../../../src/core/rules/signature-invalid.js";
import { signatureWeakAlgorithm } from "../../../src/core/rules/signature-weak-algorithm.js";
import { runRule } from "./run-rule.js";

describe("signature.* rules on their fixtures", () => {
  it("signature.invalid: the certificate whose signature fails, named with its issuer", () => {
    expect(runRule(signatureInvalid, "signature/bad-signature.pem")).toMatchObject([
      {
        id: "signature.invalid",
        severity: "error",
        certificate: 0,
        message: expect.stringMatching(
          /^The signature on Certificate 1 \(CN=payments\.acme\.example\) does not verify with the key of its issuer, Certificate 2 /,
        ),
      },
    ]);
  });

  it("signature.weak-algorithm: SHA-1", () => {
    const [f] = runRule(signatureWeakAlgorithm, "signature/sha1.pem");
    expect(f).toMatchObject({
      id: "signature.weak-algorithm",
      message: expect.stringMatching(/is signed with sha1WithRSAEncryption|is signed with .*SHA1/i),
    });
    expect(runRule(signatureWeakAlgorithm, "good/chain.pem")).toEqual([]);
  });
});
