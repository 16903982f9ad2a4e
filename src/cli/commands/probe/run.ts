import { presentedChainPem } from "../../../core/chain/presented.js";
import { checkBundle } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import type { Finding } from "../../../core/findings/finding.js";
import { checkVerdict } from "../../../core/probe/bundle-verdict.js";
import {
  type CaNamesEvidence,
  type JudgedStep,
  probeFindings,
  probeOk,
  reportedSteps,
} from "../../../core/probe/outcome.js";
import { type PlannedStep, planProbe } from "../../../core/probe/plan.js";
import type { OfflineCrls } from "../../../core/revocation/plan.js";
import { permissionFindings } from "../../../core/verdict/judge-input.js";
import {
  type ProbeReport,
  renderProbeHuman,
  renderProbeJson,
  renderProbeTarget,
} from "../../../report/probe-report.js";
import { readCrlFiles } from "../../crl-files.js";
import type { Io } from "../../io.js";
import { fileMode } from "../../options.js";
import { colorLevel, painter } from "../../paint.js";
import { type SecretMask, scrubbingIo, secretMask } from "../../scrubbing-io.js";
import { createReporter } from "../../step-spinner.js";
import { type ProbeFlags, type ProbeOptions, resolveProbeOptions } from "./options.js";
import { notRunRecord, runPlan } from "./runner.js";
import type { ProbeInputs, ProbeSession, StepReporter } from "./steps.js";

export type { ProbeFlags } from "./options.js";

/** --allow-private-urls is read here: it only concerns the revocation step's URLs, not probe --host. */
export async function probeCommand(
  flags: ProbeFlags & { allowPrivateUrls?: boolean; crlFile?: string[] },
  rawIo: Io,
): Promise<number> {
  const options = await resolveProbeOptions(flags, rawIo);
  const offline = await readCrlFiles(rawIo.cwd, flags.crlFile);
  // From here on every byte written (verbose log, spinner, report) is scrubbed of the secret's forms.
  const mask = secretMask(options.clientKey, options.secret);
  const io = scrubbingIo(rawIo, mask);
  // Where the credentials are about to go, and why there, before anything is sent, so a user can stop a run that would send them somewhere unexpected.
  io.stderr(renderProbeTarget(options.config));
  const reporter = await createReporter(io, Boolean(flags.json), Boolean(flags.verbose));
  const report = await runProbe(
    { ...options, allowPrivateUrls: Boolean(flags.allowPrivateUrls), offline, mask },
    flags,
    reporter,
    io,
  );
  if (flags.json) io.stdout(renderProbeJson(report));
  else io.stdout(renderProbeHuman(report, await painter(colorLevel(flags, io))));
  return report.ok ? 0 : 1;
}

/**
 * The offline check, then the planned network steps on the bundle it parsed: when it passes, or when
 * --connect-anyway asks to hear what the server says about a bundle check refuses.
 */
async function runProbe(
  m: ProbeOptions & { allowPrivateUrls: boolean; offline?: OfflineCrls; mask: SecretMask },
  flags: ProbeFlags,
  reporter: StepReporter,
  io: Io,
): Promise<ProbeReport> {
  const { judged, parsed } = await offlineCheck(m, flags, io);
  const planned = planProbe(m.config, m.request);
  const { plan, withheld } = withholdHandshake(planned, judged[0].findings);
  const gate = gateReason(judged[0].record.ok, m.connectAnyway, parsed.chain.path.length > 0);
  let caNames: CaNamesEvidence | undefined;
  let notRun = planned.map((step) => notRunRecord(step, gate));
  if (!gate) {
    const { config, keyPem, caPem, clientKey, secret, request, tlsVersion, mask } = m;
    const certPem = presentedChainPem(parsed.entries, parsed.chain);
    const inputs: ProbeInputs = { config, certPem, keyPem, caPem, clientKey, secret, request, tlsVersion, mask };
    const session: ProbeSession = {
      inputs,
      reporter,
      at: m.at,
      parsed,
      allowPrivateUrls: m.allowPrivateUrls,
      offline: m.offline,
    };
    notRun = await runPlan(plan, session, judged, m.connectAnyway);
    notRun.unshift(...withheld.map((step) => notRunRecord(step, KEY_MISMATCH)));
    caNames = session.caNames;
  }
  const findings = probeFindings(judged, caNames);
  const steps = reportedSteps(judged, findings);
  return {
    ok: probeOk(judged, findings),
    config: m.config,
    steps,
    notRun,
    findings,
    acceptableCaNames: caNames?.names,
  };
}

const KEY_MISMATCH = "the key does not match the certificate (key.mismatch): no handshake can be made with it";

/**
 * With a key that does not match the leaf, no TLS stack will even start a handshake: the steps that present
 * the certificate are left out even with --connect-anyway (the http step then follows tls as not run).
 */
function withholdHandshake(plan: PlannedStep[], checkFindings: Finding[]) {
  if (!checkFindings.some((f) => f.id === "key.mismatch")) return { plan, withheld: [] };
  return { plan: plan.filter((s) => s.id !== "tls"), withheld: plan.filter((s) => s.id === "tls") };
}

/** Why the network steps do not run, or undefined when they do. */
function gateReason(checkOk: boolean, connectAnyway: boolean, hasLeaf: boolean): string | undefined {
  if (checkOk) return undefined;
  if (!connectAnyway) return "the offline check found errors (--connect-anyway asks the server anyway)";
  return hasLeaf ? undefined : "the file holds no certificate to present";
}

async function offlineCheck(m: ProbeOptions, flags: ProbeFlags, io: Io) {
  const started = performance.now();
  const options = {
    at: m.at,
    warnDays: DEFAULTS.warnDays,
    leafKey: m.leafKey,
    scope: "chain",
    strict: false,
    online: true,
  } as const;
  const { result, ...parsed } = checkBundle(m.bundle, m.certFile, options);
  const secret = flags.clientSecretFile ? await fileMode(io.cwd, flags.clientSecretFile) : undefined;
  const verdict = checkVerdict(result, permissionFindings({ key: await fileMode(io.cwd, m.keyFile), secret }));
  const ms = Math.round(performance.now() - started);
  const record = { id: "check" as const, ok: verdict.ok, status: verdict.ok ? "passed" : "failed", ms } as const;
  const judged: JudgedStep[] = [{ record: { ...record, detail: verdict.detail }, findings: verdict.findings }];
  return { judged, parsed };
}
