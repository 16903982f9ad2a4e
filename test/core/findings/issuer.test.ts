import { describe, expect, it } from "vitest";
import { policyIssuerNotAccepted } from "../../../src/core/rules/policy-issuer-not-accepted.js";
import { rootNotPubliclyTrusted } from "../../../src/core/rules/root-not-publicly-trusted.js";
import { runRule } from "./run-rule.js";

describe("issuer rules on their fixtures", () => {
  it("policy.issuer-not-accepted names the CA and ConnectPay's reason", () => {
    expect(runRule(policyIssuerNotAccepted, "policy/lets-encrypt.pem")).toMatchObject([
      {
        id: "policy.issuer-not-accepted",
        severity: "error",
        certificate: 1,
        message: expect.stringMatching(
          /^The chain is issued by Let's Encrypt \(Certificate 2 \(CN=R11\)\)\. ConnectPay does not accept/,
        ),
      },
    ]);
  });

  it("root.not-publicly-trusted is info, on the root", () => {
    expect(runRule(rootNotPubliclyTrusted, "good/chain.pem")).toMatchObject([
      { id: "root.not-publicly-trusted", severity: "info", certificate: 2 },
    ]);
  });
});
