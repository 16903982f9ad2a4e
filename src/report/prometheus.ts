import pkg from "../../package.json" with { type: "json" };
import type { BundleResult, CertificateSummary } from "../core/check-bundle.js";
import { levelOf } from "../core/verdict/verdict.js";
import type { CheckReporter, ReporterOptions } from "./check-reporter.js";
import { GaugeFamily, type Labels } from "./exposition.js";

// Names follow prometheus.io/docs/practices/naming (base units, `_timestamp_seconds`, `_info` for a
// labels-only series) so `promtool check metrics` has nothing to say. `connectpay_cert_days_remaining` is
// gone for that reason (base unit "seconds", not "days"): `connectpay_cert_not_after_timestamp_seconds -
// time()` gives the time left at query time instead of at the last run. Label cardinality: docs/prometheus.md.

/**
 * Which input a series is about: the file and, for a Kubernetes Secret, the Secret and its key. The Secret's
 * labels carry a `secret_` prefix, as x509-certificate-exporter's do: a scrape through the Prometheus Operator
 * sets `namespace` to the exporter's own, which would rename ours to `exported_namespace`.
 */
function inputLabels(r: BundleResult): Labels {
  return {
    file: r.input,
    secret_namespace: r.secret?.namespace,
    secret_name: r.secret?.name,
    secret_key: r.secret?.key,
  };
}

function certLabels(r: BundleResult, c: CertificateSummary): Labels {
  const { file, ...secret } = inputLabels(r);
  return { file, subject: c.subject, serial: c.serialNumber, role: c.role, subject_cn: c.subjectCN, ...secret };
}

/** The series of each certificate. */
function certificateFamilies() {
  return {
    notAfter: new GaugeFamily(
      "connectpay_cert_not_after_timestamp_seconds",
      "Expiry (notAfter) of each certificate in a checked bundle, in Unix seconds.",
      // A certificate twice in a bundle is one series (chain.duplicate reports the copy); if two differ, the
      // earlier expiry is the one to watch.
      Math.min,
    ),
    notBefore: new GaugeFamily(
      "connectpay_cert_not_before_timestamp_seconds",
      "Start of validity (notBefore) of each certificate in a checked bundle, in Unix seconds.",
      // For a certificate twice in a bundle, the later start: it is valid only from then on.
      Math.max,
    ),
    info: new GaugeFamily(
      "connectpay_cert_info",
      "Always 1: issuer and SHA-256 fingerprint of each certificate, to join on file, serial and role.",
    ),
  };
}

function families() {
  return {
    ...certificateFamilies(),
    ok: new GaugeFamily("connectpay_cert_check_ok", "1 when the bundle passes connectpay-cert check, else 0."),
    findings: new GaugeFamily(
      "connectpay_cert_findings",
      "Number of findings in the bundle, per severity as the run weighs them (a warning that fails under --strict is an error).",
    ),
    suppressed: new GaugeFamily(
      "connectpay_cert_findings_suppressed",
      "Number of findings that would fail the bundle but were switched off or re-graded by the config file.",
    ),
    byId: new GaugeFamily(
      "connectpay_cert_findings_by_id",
      "Number of findings in the bundle, per finding id (only ids that occur; `connectpay-cert explain` lists them all).",
      (old, next) => old + next,
    ),
    buildInfo: new GaugeFamily(
      "connectpay_cert_build_info",
      "Always 1: the connectpay-cert version that wrote this output.",
    ),
    inputError: new GaugeFamily(
      "connectpay_cert_input_error",
      "1 for an input that matched no file or could not be read: nothing of it was checked.",
    ),
    lastRun: new GaugeFamily(
      "connectpay_cert_last_run_timestamp_seconds",
      "When connectpay-cert wrote this output, in Unix seconds: alert when it grows old.",
    ),
  };
}

export function prometheusReporter(opts: ReporterOptions): CheckReporter {
  const f = families();
  return {
    result(r: BundleResult) {
      for (const c of r.certificates) {
        const labels = certLabels(r, c);
        f.notAfter.set(labels, Math.floor(Date.parse(c.notAfter) / 1000));
        f.notBefore.set(labels, Math.floor(Date.parse(c.notBefore) / 1000));
        const { subject: _subject, ...id } = labels;
        f.info.set({ ...id, issuer_cn: c.issuerCN, fingerprint_sha256: c.fingerprintSha256 }, 1);
      }
      f.ok.set(inputLabels(r), r.ok ? 1 : 0);
      if (r.error) f.inputError.set(inputLabels(r), 1);
      // Counted as the run weighs them: a failing warning is an error, a switched-off finding is not counted.
      const weighed = r.findings.filter((x) => levelOf(x) !== "off");
      for (const severity of ["error", "warning", "info"] as const) {
        const n = weighed.filter((x) => levelOf(x) === severity).length;
        f.findings.set({ ...inputLabels(r), severity }, n);
      }
      f.suppressed.set(inputLabels(r), r.findings.filter((x) => x.suppressed).length);
      for (const x of weighed) f.byId.set({ ...inputLabels(r), id: x.id, severity: levelOf(x) }, 1);
    },
    end() {
      f.buildInfo.set({ version: pkg.version }, 1);
      f.lastRun.set({}, Math.floor(opts.runAt.getTime() / 1000));
      for (const family of Object.values(f)) family.render(opts.write);
    },
  };
}
