import type { BundleResult } from "../core/check-bundle.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";
import { displayText } from "./display-text.js";

// Text exposition format (prometheus.io/docs/instrumenting/exposition_formats): each metric family's
// HELP/TYPE once, its samples together, so samples are grouped per family and written at the end.
const label = (s: string) => displayText(s, "\n").replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
const labels = (l: Record<string, string>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${label(v)}"`)
    .join(",")}}`;

const FAMILIES = {
  connectpay_cert_not_after_timestamp_seconds:
    "Expiry (notAfter) of each certificate in a checked bundle, in Unix seconds.",
  connectpay_cert_days_remaining: "Whole days until notAfter at the evaluation time (negative once expired).",
  connectpay_cert_check_ok: "1 when the bundle passes connectpay-cert check, else 0.",
  connectpay_cert_findings: "Number of findings in the bundle, per severity.",
} as const;

export function prometheusReporter(opts: ReporterOptions): CheckReporter {
  const samples: Record<keyof typeof FAMILIES, string[]> = {
    connectpay_cert_not_after_timestamp_seconds: [],
    connectpay_cert_days_remaining: [],
    connectpay_cert_check_ok: [],
    connectpay_cert_findings: [],
  };
  return {
    result(r: BundleResult) {
      for (const c of r.certificates) {
        const l = labels({ file: r.input, subject: c.subject, serial: c.serialNumber, role: c.role });
        samples.connectpay_cert_not_after_timestamp_seconds.push(`${l} ${Math.floor(Date.parse(c.notAfter) / 1000)}`);
        samples.connectpay_cert_days_remaining.push(`${l} ${c.daysRemaining}`);
      }
      samples.connectpay_cert_check_ok.push(`${labels({ file: r.input })} ${r.ok ? 1 : 0}`);
      for (const severity of ["error", "warning", "info"] as const) {
        const n = r.findings.filter((f) => f.severity === severity).length;
        samples.connectpay_cert_findings.push(`${labels({ file: r.input, severity })} ${n}`);
      }
    },
    end() {
      for (const [name, help] of Object.entries(FAMILIES)) {
        opts.write(`# HELP ${name} ${help}\n# TYPE ${name} gauge\n`);
        for (const s of samples[name as keyof typeof FAMILIES]) opts.write(`${name}${s}\n`);
      }
    },
  };
}
