import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { Chalk } from "chalk";
import { checkBundle } from "../core/check-bundle.js";
import { presentedChainPem } from "../core/presented-chain.js";
import {
  ConfigError,
  type ConfigLayer,
  type ProbeConfig,
  parseConfigFile,
  resolveConfig,
} from "../core/probe-config.js";
import { renderProbeHuman, renderProbeJson } from "../report/probe-report.js";
import { UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { keyPermissionFinding, loadLeafKey, parseAt, readInputFile } from "./options.js";
import {
  type ProbeRequest,
  type ProbeRun,
  probeCaNames,
  probeMtls,
  probePublic,
  probeRevocation,
} from "./probe-steps.js";
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

export async function probeCommand(flags: ProbeFlags, io: Io): Promise<number> {
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
  const run: ProbeRun = { steps: [], findings: [] };
  const reporter = await createReporter(io, Boolean(flags.json), Boolean(flags.verbose));
  const started = performance.now();
  const offline = checkBundle(bundle, flags.cert, { at, warnDays: 30, leafKey, scope: "chain", strict: false }).result;
  const perm = await keyPermissionFinding(io.cwd, flags.key);
  if (perm) offline.findings.push(perm);
  run.steps.push({
    id: "check",
    ok: offline.ok,
    ms: Math.round(performance.now() - started),
    detail: offline.ok ? "the bundle and key pass check" : "the bundle or key fails check",
  });
  run.findings.push(...offline.findings.filter((f) => f.severity !== "info"));
  if (offline.ok) {
    const inputs = {
      config,
      certPem: presentedChainPem(bundle),
      keyPem,
      caPem,
      clientKey,
      secret,
      request: requestOf(flags),
      tlsVersion: tlsVersionOf(flags.tls),
    };
    await probeRevocation(bundle, at, config.timeoutMs, reporter, run);
    await probeCaNames(bundle, inputs, reporter, run);
    await probeMtls(inputs, reporter, run);
    // A CA-name mismatch explains a refused handshake: then it is the error, not a hint.
    const refused = run.findings.some((f) => f.id === "tls.client-cert-rejected");
    for (const f of run.findings) if (f.id === "tls.ca-not-accepted" && refused) f.severity = "error";
    await probePublic(inputs, reporter, run);
  }
  const ok = run.steps.every((s) => s.ok) && !run.findings.some((f) => f.severity === "error");
  const report = { ok, config, steps: run.steps, findings: run.findings, acceptableCaNames: run.acceptableCaNames };
  const scrub = (text: string) => (secret.length >= 4 ? text.replaceAll(secret, "****") : text);
  if (flags.json) io.stdout(scrub(renderProbeJson(report)));
  else io.stdout(scrub(renderProbeHuman(report, new Chalk({ level: colorLevel(flags, io) }))));
  return ok ? 0 : 1;
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
