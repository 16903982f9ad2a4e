import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/core/findings/finding.js";
import { decodeBlock, scanPem } from "../../../src/core/input/pem.js";
import { caNamesVerdict } from "../../../src/core/probe/bundle-verdict.js";
import { resolveConfig } from "../../../src/core/probe/config.js";
import { type JudgedStep, probeFindings, probeOk, reportedSteps } from "../../../src/core/probe/outcome.js";
import type { ProbeStepId } from "../../../src/core/probe/plan.js";
import { planProbe } from "../../../src/core/probe/plan.js";
import { parseCertificate } from "../../../src/core/x509/certificate.js";
import { FIXTURES } from "../../helpers/cli.js";

const chain = scanPem(readFileSync(`${FIXTURES}good/chain.pem`, "utf8")).blocks.map((b) => {
  const d = decodeBlock(b);
  if (!("der" in d)) throw new Error("fixture");
  return parseCertificate(d.der);
});
const rejected: Finding = { id: "tls.client-cert-rejected", severity: "error", message: "refused" };
const step = (id: ProbeStepId, ok: boolean, findings: Finding[] = []): JudgedStep => ({
  record: { id, ok, status: ok ? "passed" : "failed", ms: 1, detail: id },
  findings,
});
const caNames = { names: ["CN = Other CA, O = Elsewhere"], chain };

describe("probe's plan", () => {
  it("runs the mTLS steps one after the other, and the 1-way steps only with a public host", () => {
    const config = resolveConfig([{ source: "flags", layer: { mtlsHost: "h:8443" } }]);
    const plan = planProbe(config, { method: "POST", path: "/t" });
    expect(plan.map((s) => `${s.id}<${s.after}`)).toEqual([
      "revocation<check",
      "connect<check",
      "ca-names<connect",
      "tls<connect",
      "http<tls",
    ]);
    const both = resolveConfig([{ source: "flags", layer: { mtlsHost: "h", publicHost: "p" } }]);
    expect(planProbe(both, { method: "GET", path: "/" }).map((s) => s.id)).toContain("separation");
  });
});

describe("probe's findings", () => {
  it("makes tls.ca-not-accepted an error, in the ca-names step's place, when the handshake was refused", () => {
    const steps = [step("check", true), step("ca-names", true), step("connect", true), step("tls", false, [rejected])];
    const findings = probeFindings(steps, caNames);
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual([
      "error tls.ca-not-accepted",
      "error tls.client-cert-rejected",
    ]);
    expect(probeOk(steps, findings)).toBe(false);
  });

  it("keeps it a warning when the handshake got through, or when only the 1-way host refused", () => {
    const ok = [step("check", true), step("ca-names", true), step("tls", true)];
    expect(probeFindings(ok, caNames).map((f) => f.severity)).toEqual(["warning"]);
    const publicOnly = [...ok, step("public", false, [rejected])];
    expect(probeFindings(publicOnly, caNames)[0].severity).toBe("warning");
  });
});

describe("probe's step marks (issue 14: a step with a finding or without evidence is never ✔)", () => {
  it("marks ca-names by its finding: failed when it explains a refusal, warning otherwise", () => {
    const refused = [step("check", true), step("ca-names", true), step("tls", false, [rejected])];
    expect(reportedSteps(refused, probeFindings(refused, caNames))[1]).toMatchObject({ ok: false, status: "failed" });
    const through = [step("check", true), step("ca-names", true), step("tls", true)];
    expect(reportedSteps(through, probeFindings(through, caNames))[1]).toMatchObject({ ok: true, status: "warning" });
  });

  it("a CA-name check that could not run, or had nothing to compare, checked nothing", () => {
    expect(
      caNamesVerdict({ available: false, reason: "openssl s_client could not complete a handshake" }),
    ).toMatchObject({ status: "not-checked", detail: "not checked: openssl s_client could not complete a handshake" });
    expect(caNamesVerdict({ available: true, requested: false, names: [] }).status).toBe("not-checked");
  });
});
