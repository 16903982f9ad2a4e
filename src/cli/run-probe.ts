import type { KeyObject } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Chalk } from "chalk";
import { checkBundle } from "../core/check-bundle.js";
import { presentedChainPem } from "../core/presented-chain.js";
import { checkVerdict } from "../core/probe/bundle-verdict.js";
import { type CaNamesEvidence, type JudgedStep, probeFindings, probeOk } from "../core/probe/outcome.js";
import { planProbe } from "../core/probe/plan.js";
import {
  ConfigError,
  type ConfigLayer,
  type ProbeConfig,
  parseConfigFile,
  resolveConfig,
} from "../core/probe-config.js";
import { type ProbeReport, renderProbeHuman, renderProbeJson } from "../report/probe-report.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { keyPermissionFinding, loadLeafKey, parseAt, readInputFile } from "./options.js";
import { runPlan } from "./probe-runner.js";
import type { ProbeInputs, ProbeRequest, ProbeSession, StepReporter } from "./probe-steps.js";
import { colorLevel } from "./run-check.js";
import { readClientSecret } from "./secret.js";
import { createReporter } from "./step-spinner.js";

export interface ProbeFlags {
  cert?: string;
  key?: string;
  host?: string;
  publicHost?: string;
  ca?: string;
  clientKey?: string;
  clientSecretFile?: string;
  path?: string;
  method?: string;
  timeout?: string;
  json?: boolean;
  env?: string;
  config?: string;
  verbose?: boolean;
  tls?: string;
  at?: string;
  color?: boolean;
}

/** What probe reads before it touches the network; any problem here is a usage error (exit 2). */
interface ProbeMaterial {
  config: ProbeConfig;
  at: Date;
  certFile: string;
  keyFile: string;
  bundle: Buffer;
  leafKey: KeyObject;
  keyPem: string;
  caPem?: string;
  clientKey: string;
  secret: string;
}

export async function probeCommand(flags: ProbeFlags, io: Io): Promise<number> {
  const material = await readMaterial(flags, io);
  const reporter = await createReporter(io, Boolean(flags.json), Boolean(flags.verbose));
  const report = await runProbe(material, flags, reporter, io);
  const { secret } = material;
  const scrub = (text: string) => (secret.length >= 4 ? text.replaceAll(secret, "****") : text);
  if (flags.json) io.stdout(scrub(renderProbeJson(report)));
  else io.stdout(scrub(renderProbeHuman(report, new Chalk({ level: colorLevel(flags, io) }))));
  return report.ok ? 0 : 1;
}

async function readMaterial(flags: ProbeFlags, io: Io): Promise<ProbeMaterial> {
  if (!flags.cert || !flags.key) throw new UsageError("probe needs --cert <bundle> and --key <key>.");
  const config = await loadConfig(flags, io);
  const at = parseAt(flags.at);
  const bundle = await readInputFile(io.cwd, flags.cert, "--cert");
  const leafKey = await loadLeafKey(io.cwd, flags.key);
  const keyPem = (await readInputFile(io.cwd, flags.key, "--key")).toString("utf8");
  const caFile = flags.ca ?? config.ca;
  const caPem = caFile ? (await readInputFile(io.cwd, caFile, "--ca")).toString("utf8") : undefined;
  const clientKey = config.clientKey;
  if (!clientKey)
    throw new UsageError("no ClientKey: use --client-key, CONNECTPAY_CLIENT_KEY or clientKey in the config file.");
  const secret = await readClientSecret(flags.clientSecretFile, io);
  return { config, at, certFile: flags.cert, keyFile: flags.key, bundle, leafKey, keyPem, caPem, clientKey, secret };
}

/** The offline check, then (when it passes) the planned network steps on the bundle it parsed. */
async function runProbe(m: ProbeMaterial, flags: ProbeFlags, reporter: StepReporter, io: Io): Promise<ProbeReport> {
  const { judged, parsed } = await offlineCheck(m, io);
  let caNames: CaNamesEvidence | undefined;
  if (judged[0].record.ok) {
    const inputs: ProbeInputs = {
      config: m.config,
      certPem: presentedChainPem(parsed.entries, parsed.chain),
      keyPem: m.keyPem,
      caPem: m.caPem,
      clientKey: m.clientKey,
      secret: m.secret,
      request: requestOf(flags),
      tlsVersion: tlsVersionOf(flags.tls),
    };
    const session: ProbeSession = { inputs, reporter, at: m.at, parsed };
    await runPlan(planProbe(m.config, inputs.request), session, judged);
    caNames = session.caNames;
  }
  const findings = probeFindings(judged, caNames);
  const steps = judged.map((s) => s.record);
  return { ok: probeOk(judged, findings), config: m.config, steps, findings, acceptableCaNames: caNames?.names };
}

async function offlineCheck(m: ProbeMaterial, io: Io) {
  const started = performance.now();
  const options = { at: m.at, warnDays: 30, leafKey: m.leafKey, scope: "chain", strict: false } as const;
  const { result, ...parsed } = checkBundle(m.bundle, m.certFile, options);
  const verdict = checkVerdict(result, await keyPermissionFinding(io.cwd, m.keyFile));
  const record = { id: "check" as const, ok: verdict.ok, ms: Math.round(performance.now() - started) };
  const judged: JudgedStep[] = [{ record: { ...record, detail: verdict.detail }, findings: verdict.findings }];
  return { judged, parsed };
}

function requestOf(flags: ProbeFlags): ProbeRequest {
  const method = (flags.method ?? (flags.path ? "GET" : "POST")).toUpperCase();
  if (method !== "GET" && method !== "POST") throw new UsageError(`--method: "${flags.method}" is not GET or POST.`);
  if (flags.path && !flags.path.startsWith("/")) throw new UsageError(`--path: "${flags.path}" must start with /.`);
  return { method, path: flags.path ?? "/auth/v1/oauth2/token", tokenCall: !flags.path };
}

function tlsVersionOf(value: string | undefined): "TLSv1.2" | "TLSv1.3" | undefined {
  if (value === undefined) return undefined;
  if (value === "1.2" || value === "1.3") return `TLSv${value}`;
  throw new UsageError(`--tls: "${value}" is not 1.2 or 1.3.`);
}

/** Built-in environment < config file < CONNECTPAY_* variables < flags. */
async function loadConfig(flags: ProbeFlags, io: Io): Promise<ProbeConfig> {
  const layers: { source: string; layer: ConfigLayer }[] = [];
  const file =
    flags.config ??
    (existsSync(resolve(io.cwd, "connectpay-cert.config.json")) ? "connectpay-cert.config.json" : undefined);
  try {
    if (file) {
      const text = await readFile(resolve(io.cwd, file), "utf8").catch(() => {
        throw new ConfigError(`--config: cannot read ${file}.`);
      });
      layers.push({ source: file, layer: parseConfigFile(file, text) });
    }
    const e = io.env;
    layers.push({
      source: "environment",
      layer: {
        mtlsHost: e.CONNECTPAY_MTLS_HOST,
        publicHost: e.CONNECTPAY_PUBLIC_HOST,
        clientKey: e.CONNECTPAY_CLIENT_KEY,
      },
    });
    layers.push({
      source: "flags",
      layer: {
        env: flags.env,
        mtlsHost: flags.host,
        publicHost: flags.publicHost,
        clientKey: flags.clientKey,
        timeout: flags.timeout,
      },
    });
    return resolveConfig(layers);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
