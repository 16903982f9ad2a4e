import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/core/probe/config.js";
import { renderProbeHuman } from "../../src/report/probe-report.js";

const plain = new Chalk({ level: 0 });
const passedStep = { id: "tls", ok: true, status: "passed" as const, ms: 1, detail: "ok" };

function closing(host: string | undefined, env?: string): string {
  const config = resolveConfig([{ source: "flags", layer: { mtlsHost: host, env } }]);
  const out = renderProbeHuman({ ok: true, config, steps: [passedStep], notRun: [], findings: [] }, plain);
  return out.trim().split("\n").at(-1) ?? "";
}

describe("probe's closing sentence names the host probed", () => {
  it("calls only ConnectPay's own hosts ConnectPay's gateway", () => {
    expect(closing(undefined, "production")).toBe(
      "Probe: every step passed. ConnectPay's gateway (api.connectpay.com) accepts this certificate and these credentials.",
    );
    expect(closing("api-stage.connectpay.com")).toMatch(/ConnectPay's gateway \(api-stage\.connectpay\.com\)/);
    expect(closing("127.0.0.1:8443")).toBe(
      "Probe: every step passed. 127.0.0.1:8443 accepts this certificate and these credentials.",
    );
    expect(closing("api.connectpay.com.evil.example")).not.toContain("ConnectPay's gateway");
  });
});
