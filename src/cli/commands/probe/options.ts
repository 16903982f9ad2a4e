import type { KeyObject } from "node:crypto";
import { ConfigError, type ConfigLayer, parseConfigFile, resolveConfig } from "../../../core/probe/config.js";
import { DEFAULT_CONFIG, readConfigFile } from "../../config-file.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parseAt, parseMilliseconds } from "../../option-values.js";
import { readOptionFile } from "../../options.js";
import type { PasswordFlags } from "../../password.js";
import { readClientSecret } from "../../secret.js";
import { readProbeIdentity } from "./identity.js";
import type { ProbeInputs, ProbeRequest } from "./steps.js";

export interface ProbeFlags extends PasswordFlags {
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
  connectAnyway?: boolean;
}

/** Everything probe runs with, read and checked once before the first step. */
export interface ProbeOptions extends Omit<ProbeInputs, "certPem" | "mask"> {
  at: Date;
  certFile: string;
  keyFile: string;
  bundle: Buffer;
  leafKey: KeyObject;
  /** run the network steps even when the offline check finds errors, to see what the server says */
  connectAnyway: boolean;
}

/** Flags are parsed before files are read, and files before the secret is asked for. */
export async function resolveProbeOptions(flags: ProbeFlags, io: Io): Promise<ProbeOptions> {
  if (!flags.cert) throw new UsageError("probe needs --cert <bundle> and --key <key> (or --cert <file.p12>).");
  const config = await loadConfig(flags, io);
  const at = parseAt(flags.at);
  const request = requestOf(flags);
  const tlsVersion = tlsVersionOf(flags.tls);
  const { bundle, leafKey, keyPem, keyFile } = await readProbeIdentity({ ...flags, cert: flags.cert }, io);
  const caFile = flags.ca ?? config.ca;
  const caPem = caFile ? (await readOptionFile(io.cwd, caFile, "--ca")).toString("utf8") : undefined;
  const clientKey = config.clientKey;
  if (!clientKey)
    throw new UsageError("no ClientKey: use --client-key, CONNECTPAY_CLIENT_KEY or clientKey in the config file.");
  const secret = await readClientSecret(flags.clientSecretFile, io);
  const files = { certFile: flags.cert, keyFile, connectAnyway: Boolean(flags.connectAnyway) };
  return { ...files, config, at, bundle, leafKey, keyPem, caPem, clientKey, secret, request, tlsVersion };
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
async function loadConfig(flags: ProbeFlags, io: Io) {
  const layers: { source: string; layer: ConfigLayer }[] = [];
  const text = await readConfigFile(flags.config, io);
  try {
    if (text !== undefined) {
      const file = flags.config ?? DEFAULT_CONFIG;
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
        timeout: parseMilliseconds("--timeout", flags.timeout),
      },
    });
    return resolveConfig(layers);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
