import { describe, expect, it } from "vitest";
import { chainDuplicate } from "../../../src/core/rules/chain-duplicate.js";
import { chainIncomplete } from "../../../src/core/rules/chain-incomplete.js";
import { chainMisordered } from "../../../src/core/rules/chain-misordered.js";
import { chainNoLeaf } from "../../../src/core/rules/chain-no-leaf.js";
import { chainPolicy } from "../../../src/core/rules/chain-policy.js";
import { chainReversed } from "../../../src/core/rules/chain-reversed.js";
import { runRule } from "./run-rule.js";

describe("chain.* rules on their fixtures", () => {
  it("chain.reversed points at the leaf, last in the file", () => {
    expect(runRule(chainReversed, "chain/reversed.pem")).toEqual([
      {
        id: "chain.reversed",
        severity: "error",
        message:
          "The chain is in reverse order: it starts with the root and ends with the leaf, Certificate 3 (CN=payments.acme.example). ConnectPay wants leaf first, then intermediate(s), then root.",
        certificate: 2,
        hint: "Reorder it: `connectpay-cert fix FILE -o fixed.pem`.",
      },
    ]);
  });

  it("chain.misordered names the path; it is about the file, not one certificate", () => {
    const [f] = runRule(chainMisordered, "chain/misordered.pem");
    expect(f).toMatchObject({
      id: "chain.misordered",
      message: expect.stringMatching(/is certificates 2 → 1 → 3 in this file/),
    });
    expect(f.certificate).toBeUndefined();
  });

  it("chain.incomplete names the missing issuer of the top certificate", () => {
    expect(runRule(chainIncomplete, "good/leaf.pem")).toMatchObject([
      {
        id: "chain.incomplete",
        certificate: 0,
        message: expect.stringMatching(
          /^The chain is incomplete: nothing in the file issued Certificate 1 \(CN=payments\.acme\.example\)\. Missing issuer: CN=Demo Issuing CA 1/,
        ),
      },
    ]);
  });

  it("chain.duplicate, chain.no-leaf, chain.policy", () => {
    expect(runRule(chainDuplicate, "chain/duplicate.pem")).toMatchObject([
      { id: "chain.duplicate", message: expect.stringMatching(/is a copy of certificate \d\.$/) },
    ]);
    expect(runRule(chainNoLeaf, "chain/no-leaf.pem")).toMatchObject([{ id: "chain.no-leaf", certificate: 0 }]);
    expect(runRule(chainPolicy, "policies/explicit-missing.pem")).toMatchObject([
      {
        id: "chain.policy",
        certificate: 0,
        message: expect.stringMatching(
          /^Certificate 2 \(CN=Policy Issuing CA 1\) requires an explicit certificate policy/,
        ),
      },
    ]);
  });
});
