import { describe, expect, it } from "vitest";
import { validityExpired } from "../../../src/core/rules/validity-expired.js";
import { validityExpiringSoon } from "../../../src/core/rules/validity-expiring-soon.js";
import { validityNotYetValid } from "../../../src/core/rules/validity-not-yet-valid.js";
import { runRule } from "./run-rule.js";

const at = (day: string) => ({ at: new Date(`${day}T00:00:00Z`) });

describe("validity.* rules on the good chain at other instants", () => {
  it("validity.expired: the leaf's hint says to renew and send; a CA's to get its current certificate", () => {
    const found = runRule(validityExpired, "good/chain.pem", at("2099-06-01"));
    expect(found[0]).toEqual({
      id: "validity.expired",
      severity: "error",
      message: "Certificate 1 (CN=payments.acme.example) expired on 2098-12-31T23:59:59.000Z.",
      certificate: 0,
      hint: "Renew the certificate, then send the new chain to ConnectPay before using it (the serial changes).",
    });
    const later = runRule(validityExpired, "good/chain.pem", at("2100-06-01"));
    expect(later.map((f) => f.certificate)).toEqual([0, 1, 2]);
    expect(later[1].hint).toBe("Get the current intermediate certificate from your CA (this one ended 2099-12-31).");
  });

  it("validity.expiring-soon is a warning, an error within --fail-days", () => {
    const [warn] = runRule(validityExpiringSoon, "good/chain.pem", at("2098-12-15"));
    expect(warn).toMatchObject({
      severity: "warning",
      certificate: 0,
      message: "Certificate 1 (CN=payments.acme.example) expires on 2098-12-31, in 16 day(s).",
    });
    const [fail] = runRule(validityExpiringSoon, "good/chain.pem", { ...at("2098-12-15"), failDays: 20 });
    expect(fail).toMatchObject({
      severity: "error",
      message: expect.stringMatching(/ \(less than --fail-days 20\)\.$/),
    });
  });

  it("validity.not-yet-valid", () => {
    expect(runRule(validityNotYetValid, "good/chain.pem", at("2023-06-01")).map((f) => f.certificate)).toEqual([
      0, 1, 2,
    ]);
  });
});
