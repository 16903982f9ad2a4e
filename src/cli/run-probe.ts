import { Chalk } from "chalk";
import { checkBundle } from "../core/check-bundle.js";
import { DEFAULTS } from "../core/defaults.js";
import { presentedChainPem } from "../core/presented-chain.js";
import { checkVerdict } from "../core/probe/bundle-verdict.js";
import { type CaNamesEvidence, type JudgedStep, probeFindings, probeOk } from "../core/probe/outcome.js";
import { planProbe } from "../core/probe/plan.js";
import { type ProbeReport, renderProbeHuman, renderProbeJson, renderProbeTarget } from "../report/probe-report.js";
import type { Io } from "./io.js";
import { keyPermissionFinding, secretPermissionFinding } from "./options.js";
import { type ProbeFlags, type ProbeOptions, resolveProbeOptions } from "./probe-options.js";
import { runPlan } from "./probe-runner.js";
import type { ProbeInputs, ProbeSession, StepReporter } from "./probe-steps.js";
import { colorLevel } from "./run-check.js";
import { scrubbingIo, secretForms } from "./scrubbing-io.js";
import { createReporter } from "./step-spinner.js";

export type { ProbeFlags } from "./probe-options.js";

/** --allow-private-urls is read here: it only concerns the revocation step's URLs, not probe --host. */
export async function probeCommand(flags: ProbeFlags & { allowPrivateUrls?: boolean }, rawIo: Io): Promise<number> {
  const options = await resolveProbeOptions(flags, rawIo);
  // From here on every byte written (verbose log, spinner, report) is scrubbed of the secret's forms.
  const io = scrubbingIo(rawIo, secretForms(options.clientKey, options.secret));
  // Where the credentials are about to go, and why there, before anything is sent (issue 13).
  io.stderr(renderProbeTarget(options.config));
  const reporter = await createReporter(io, Boolean(flags.json), Boolean(flags.verbose));
  const report = await runProbe({ ...options, allowPrivateUrls: Boolean(flags.allowPrivateUrls) }, flags, reporter, io);
  if (flags.json) io.stdout(renderProbeJson(report));
  else io.stdout(renderProbeHuman(report, new Chalk({ level: colorLevel(flags, io) })));
  return report.ok ? 0 : 1;
}

/** The offline check, then (when it passes) the planned network steps on the bundle it parsed. */
async function runProbe(
  m: ProbeOptions & { allowPrivateUrls: boolean },
  flags: ProbeFlags,
  reporter: StepReporter,
  io: Io,
): Promise<ProbeReport> {
  const { judged, parsed } = await offlineCheck(m, flags, io);
  let caNames: CaNamesEvidence | undefined;
  if (judged[0].record.ok) {
    const { config, keyPem, caPem, clientKey, secret, request, tlsVersion } = m;
    const certPem = presentedChainPem(parsed.entries, parsed.chain);
    const inputs: ProbeInputs = { config, certPem, keyPem, caPem, clientKey, secret, request, tlsVersion };
    const session: ProbeSession = { inputs, reporter, at: m.at, parsed, allowPrivateUrls: m.allowPrivateUrls };
    await runPlan(planProbe(m.config, inputs.request), session, judged);
    caNames = session.caNames;
  }
  const findings = probeFindings(judged, caNames);
  const steps = judged.map((s) => s.record);
  return { ok: probeOk(judged, findings), config: m.config, steps, findings, acceptableCaNames: caNames?.names };
}

async function offlineCheck(m: ProbeOptions, flags: ProbeFlags, io: Io) {
  const started = performance.now();
  const options = { at: m.at, warnDays: DEFAULTS.warnDays, leafKey: m.leafKey, scope: "chain", strict: false } as const;
  const { result, ...parsed } = checkBundle(m.bundle, m.certFile, options);
  const secretPerm = flags.clientSecretFile ? await secretPermissionFinding(io.cwd, flags.clientSecretFile) : undefined;
  const verdict = checkVerdict(result, [await keyPermissionFinding(io.cwd, m.keyFile), secretPerm]);
  const record = { id: "check" as const, ok: verdict.ok, ms: Math.round(performance.now() - started) };
  const judged: JudgedStep[] = [{ record: { ...record, detail: verdict.detail }, findings: verdict.findings }];
  return { judged, parsed };
}
