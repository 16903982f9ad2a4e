import { describe, expect, it } from "vitest";
import { certDuplicateExtension } from "../../../src/core/rules/cert-duplicate-extension.js";
import { certUnknownCriticalExtension } from "../../../src/core/rules/cert-unknown-critical-extension.js";
import { runRule } from "./run-rule.js";

describe("cert.* rules on their fixtures", () => {
  it("cert.unknown-critical-extension names the extension's OID, on the certificate that has it", () => {
    expect(runRule(certUnknownCriticalExtension, "cert/unknown-critical.pem")).toEqual([
      {
        id: "cert.unknown-critical-extension",
        severity: "error",
        message:
          "Certificate 1 (CN=payments.acme.example) has a critical extension 1.3.6.1.4.1.55555.1 that connectpay-cert does not evaluate, so it cannot vouch for the chain; servers that do not understand it reject the certificate too.",
        certificate: 0,
        hint: "Check the chain with your CA; a critical extension the validator does not know makes the certificate unusable there.",
      },
    ]);
  });

  it("cert.duplicate-extension lists the repeated OIDs", () => {
    expect(runRule(certDuplicateExtension, "cert/duplicate-extension.pem")).toMatchObject([
      {
        id: "cert.duplicate-extension",
        certificate: 0,
        message: expect.stringMatching(/repeats the extension\(s\) 2\.5\.29\.17; /),
      },
    ]);
  });
});
