import { Chalk } from "chalk";
import { checkBundle } from "../core/check-bundle.js";
import { DEFAULTS } from "../core/defaults.js";
import { finding } from "../core/finding.js";
import { presentedChainPem } from "../core/presented-chain.js";
import { renderProbeHuman, renderProbeJson, renderProbeTarget } from "../report/probe-report.js";
import type { Io } from "./io.js";
import { keyPermissionFinding, secretPermissionFinding } from "./options.js";
import { type ProbeFlags, resolveProbeOptions } from "./probe-options.js";
import { type ProbeRun, probeCaNames, probeMtls, probePublic, probeRevocation } from "./probe-steps.js";
import { colorLevel } from "./run-check.js";
import { createReporter } from "./step-spinner.js";

export type { ProbeFlags } from "./probe-options.js";

export async function probeCommand(flags: ProbeFlags, io: Io): Promise<number> {
  const { config, at, bundle, leafKey, secret, ...rest } = await resolveProbeOptions(flags, io);
  io.stderr(renderProbeTarget(config));
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
  const secretPerm = flags.clientSecretFile && (await secretPermissionFinding(io.cwd, flags.clientSecretFile));
  if (secretPerm) offline.findings.push(secretPerm);
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
  const scrub = (text: string) => (secret.length >= 4 ? text.replaceAll(secret, "****") : text);
  if (flags.json) io.stdout(scrub(renderProbeJson(report)));
  else io.stdout(scrub(renderProbeHuman(report, new Chalk({ level: colorLevel(flags, io) }))));
  return ok ? 0 : 1;
}
