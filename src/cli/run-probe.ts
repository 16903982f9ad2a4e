import { Chalk } from "chalk";
import { checkBundle } from "../core/check-bundle.js";
import { DEFAULTS } from "../core/defaults.js";
import { finding } from "../core/finding.js";
import { presentedChainPem } from "../core/presented-chain.js";
import { renderProbeHuman, renderProbeJson } from "../report/probe-report.js";
import type { Io } from "./io.js";
import { keyPermissionFinding } from "./options.js";
import { type ProbeFlags, resolveProbeOptions } from "./probe-options.js";
import { type ProbeRun, probeCaNames, probeMtls, probePublic, probeRevocation } from "./probe-steps.js";
import { colorLevel } from "./run-check.js";
import { scrubbingIo, secretForms } from "./scrubbing-io.js";
import { createReporter } from "./step-spinner.js";

export type { ProbeFlags } from "./probe-options.js";

export async function probeCommand(flags: ProbeFlags, rawIo: Io): Promise<number> {
  const { config, at, bundle, leafKey, secret, ...rest } = await resolveProbeOptions(flags, rawIo);
  const io = scrubbingIo(rawIo, secretForms(rest.clientKey, secret));
  const run: ProbeRun = { steps: [], findings: [] };
  const reporter = await createReporter(io, Boolean(flags.json), Boolean(flags.verbose));
  const started = performance.now();
  const offline = checkBundle(bundle, rest.certFile, {
    at,
    warnDays: DEFAULTS.warnDays,
    leafKey,
    scope: "chain",
    strict: false,
  });
  const perm = await keyPermissionFinding(io.cwd, rest.keyFile);
  if (perm) offline.findings.push(perm);
  run.steps.push({
    id: "check",
    ok: offline.ok,
    ms: Math.round(performance.now() - started),
    detail: offline.ok ? "the bundle and key pass check" : "the bundle or key fails check",
  });
  run.findings.push(...offline.findings.filter((f) => f.severity !== "info"));
  if (offline.ok) {
    const inputs = { ...rest, config, secret, certPem: presentedChainPem(bundle) };
    await probeRevocation(bundle, at, config.timeoutMs, reporter, run);
    await probeCaNames(bundle, inputs, reporter, run);
    await probeMtls(inputs, reporter, run);
    // A CA-name mismatch explains a refused handshake: then it is the error, not a hint.
    const refused = run.findings.some((f) => f.id === "tls.client-cert-rejected");
    run.findings.forEach((f, i) => {
      if (f.id === "tls.ca-not-accepted" && refused) run.findings[i] = finding("tls.ca-not-accepted", f, "error");
    });
    await probePublic(inputs, reporter, run);
  }
  const ok = run.steps.every((s) => s.ok) && !run.findings.some((f) => f.severity === "error");
  const report = { ok, config, steps: run.steps, findings: run.findings, acceptableCaNames: run.acceptableCaNames };
  if (flags.json) io.stdout(renderProbeJson(report));
  else io.stdout(renderProbeHuman(report, new Chalk({ level: colorLevel(flags, io) })));
  return ok ? 0 : 1;
}
