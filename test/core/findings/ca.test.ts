import { describe, expect, it } from "vitest";
import { caEku } from "../../../src/core/rules/ca-eku.js";
import { caKeyUsage } from "../../../src/core/rules/ca-key-usage.js";
import { caNameConstraints } from "../../../src/core/rules/ca-name-constraints.js";
import { caNotCa } from "../../../src/core/rules/ca-not-ca.js";
import { caPathLength } from "../../../src/core/rules/ca-path-length.js";
import { runRule } from "./run-rule.js";

describe("ca.* rules on their fixtures", () => {
  it("ca.not-ca: the intermediate without CA:TRUE, certificate 1", () => {
    expect(runRule(caNotCa, "ca/not-ca.pem")).toEqual([
      {
        id: "ca.not-ca",
        severity: "error",
        message:
          "Certificate 2 (CN=Demo Issuing CA 1) signed another certificate of the chain but is not a CA (no basicConstraints extension). Validators refuse certificates it issued.",
        certificate: 1,
        hint: "Use the CA's real intermediate certificate; a certificate without CA:TRUE cannot issue others.",
      },
    ]);
  });

  it("ca.key-usage, ca.path-length, ca.name-constraints: the CA that breaks the rule", () => {
    expect(runRule(caKeyUsage, "ca/no-cert-sign.pem")).toMatchObject([
      { id: "ca.key-usage", certificate: 1, message: expect.stringMatching(/key usage \(digitalSignature\) lacks/) },
    ]);
    expect(runRule(caPathLength, "ca/path-length.pem")).toMatchObject([
      {
        id: "ca.path-length",
        certificate: 2,
        message: expect.stringMatching(/^Certificate 3 \(CN=Demo Root CA\) allows 0 /),
      },
    ]);
    // The finding points at the certificate whose name is outside the constraints, not at the CA.
    expect(runRule(caNameConstraints, "ca/name-constraints.pem")).toMatchObject([
      { id: "ca.name-constraints", certificate: 0 },
    ]);
    expect(runRule(caNameConstraints, "ca/name-constraints-ok.pem")).toEqual([]);
  });

  it("ca.eku: a serverAuth-only CA fails a client chain, not a server one", () => {
    const [f] = runRule(caEku, "ca/eku-server-only.pem");
    expect(f).toMatchObject({ id: "ca.eku", severity: "error", certificate: 1 });
    expect(f.message).toMatch(
      /^Certificate 2 \(CN=Fidelity EKU CA\) issues the leaf's chain, but its extended key usage \(serverAuth\) does not allow clientAuth, /,
    );
    expect(runRule(caEku, "ca/eku-server-only.pem", { purpose: "server" })).toEqual([]);
    expect(runRule(caEku, "ca/eku-server-only.pem", { purpose: "any" })).toEqual([]);
  });
});
