import { describe, expect, it } from "vitest";
import { leafClientAuth } from "../../../src/core/rules/leaf-client-auth.js";
import { leafIsCa } from "../../../src/core/rules/leaf-is-ca.js";
import { leafKeyUsage } from "../../../src/core/rules/leaf-key-usage.js";
import { leafSelfSigned } from "../../../src/core/rules/leaf-self-signed.js";
import { runRule } from "./run-rule.js";

describe("leaf.* rules on their fixtures", () => {
  it("leaf.client-auth: a serverAuth-only leaf, certificate 0; leaf.server-auth under --purpose server", () => {
    const [f] = runRule(leafClientAuth, "leaf/server-auth-only.pem");
    expect(f).toMatchObject({ id: "leaf.client-auth", severity: "error", certificate: 0 });
    expect(f.message).toMatch(
      /^The leaf, Certificate 1 \(CN=payments\.acme\.example\), may not be used as a TLS client certificate: its extended key usage lacks clientAuth\. Public CAs/,
    );
    expect(runRule(leafClientAuth, "good/chain.pem", { purpose: "server" })).toEqual([
      {
        id: "leaf.server-auth",
        severity: "error",
        message:
          "The leaf, Certificate 1 (CN=payments.acme.example), may not be used as a TLS server certificate: its extended key usage lacks serverAuth.",
        certificate: 0,
        hint: "Use a certificate issued for TLS server authentication.",
      },
    ]);
  });

  it("leaf.key-usage-openssl-only (keyAgreement only), leaf.is-ca, leaf.self-signed", () => {
    expect(runRule(leafKeyUsage, "leaf/no-digital-signature.pem")).toMatchObject([
      {
        id: "leaf.key-usage-openssl-only",
        certificate: 0,
        message: expect.stringMatching(/has key usage keyAgreement, which OpenSSL \(the gateway's TLS stack\) accepts/),
      },
    ]);
    expect(runRule(leafIsCa, "leaf/is-ca.pem")).toMatchObject([{ id: "leaf.is-ca", certificate: 0 }]);
    expect(runRule(leafSelfSigned, "leaf/self-signed.pem")).toMatchObject([{ id: "leaf.self-signed", certificate: 0 }]);
  });
});
