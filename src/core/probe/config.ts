// Where probe connects and with which ClientKey: built-in environments (docs.connectpay.com/guides/integration),
// then the config file, then environment variables, then flags. The secret is deliberately not part of this.

import { DEFAULTS, inRange, RANGES } from "../defaults.js";

export const ENVIRONMENTS = {
  stage: { mtlsHost: "api-stage.connectpay.com", publicHost: "api2-stage.connectpay.com" },
  production: { mtlsHost: "api.connectpay.com", publicHost: "api2.connectpay.com" },
} as const;

export type EnvName = keyof typeof ENVIRONMENTS;

/** ConnectPay's own API hosts (built-in environments): only these are called "ConnectPay's gateway". */
export function isConnectPayHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return Object.values(ENVIRONMENTS).some((e) => e.mtlsHost === name || e.publicHost === name);
}

/**
 * Whether a name from a flag or a file is one of ours. Own properties only: `constructor`, `toString` and
 * `__proto__` are "in" every object literal and reached Object.prototype instead of an environment.
 */
export function isEnvName(name: string): name is EnvName {
  return Object.hasOwn(ENVIRONMENTS, name);
}

export const ENV_NAMES = Object.keys(ENVIRONMENTS) as EnvName[];

export interface HostPort {
  host: string;
  port: number;
}

export interface ProbeConfig {
  env: EnvName;
  mtls: HostPort;
  /** only probed when set by config, variable or flag */
  public?: HostPort;
  clientKey?: string;
  ca?: string;
  timeoutMs: number;
  /** where each host came from, printed before any credential is sent */
  origin: { mtls: string; public?: string };
}

export interface ConfigLayer {
  env?: string;
  mtlsHost?: string;
  publicHost?: string;
  clientKey?: string;
  ca?: string;
  /** milliseconds: a JSON number from the file, or `--timeout` already parsed by the CLI */
  timeout?: number;
  /** check's per-finding switches (src/core/verdict/findings-config.ts); probe ignores them */
  findings?: unknown;
}

export class ConfigError extends Error {}

const FILE_FIELDS: Record<string, "string" | "number" | "object"> = {
  env: "string",
  mtlsHost: "string",
  publicHost: "string",
  clientKey: "string",
  ca: "string",
  timeout: "number",
  findings: "object",
};

/** Validates a parsed config file; every message names the file and the field. */
export function parseConfigFile(name: string, text: string): ConfigLayer {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${name}: not valid JSON (${(err as Error).message}).`);
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc))
    throw new ConfigError(`${name}: must be a JSON object.`);
  for (const [field, value] of Object.entries(doc)) {
    if (field === "clientSecret")
      throw new ConfigError(
        `${name}: field "clientSecret" is not allowed; put the secret in CONNECTPAY_CLIENT_SECRET or a --client-secret-file.`,
      );
    // Own fields only: `__proto__` or `constructor` is an unknown field, not Object.prototype's.
    const want = Object.hasOwn(FILE_FIELDS, field) ? FILE_FIELDS[field] : undefined;
    if (!want)
      throw new ConfigError(`${name}: unknown field "${field}" (known: ${Object.keys(FILE_FIELDS).join(", ")}).`);
    if (typeof value !== want)
      throw new ConfigError(`${name}: field "${field}" must be ${want === "object" ? "an" : "a"} ${want}.`);
  }
  return doc as ConfigLayer;
}

export function parseHostPort(value: string, what: string): HostPort {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim());
  const port = m?.[2] ? Number(m[2]) : 443;
  if (!m || port < 1 || port > 65535) throw new ConfigError(`${what}: "${value}" is not host or host:port.`);
  return { host: m[1].replace(/^\[|\]$/g, ""), port };
}

/** Names a layer's source as the user would type it: `--host`, `CONNECTPAY_MTLS_HOST`, `config file x.json`. */
function originOf(source: string, flag: string, variable: string): string {
  if (source === "flags") return flag;
  if (source === "environment") return variable;
  return `config file ${source}`;
}

function originOfEnv(source: string): string {
  return source === "flags" ? "--env" : source;
}

function envOrigin(env: string, source: string | undefined): string {
  if (source === undefined) return `the default environment ${env}`;
  return source === "flags" ? `--env ${env}` : `env ${env} in config file ${source}`;
}

/**
 * Lowest priority first: file, environment variables, flags. An explicit `--env` wins over the hosts of a
 * config file: a file planted in the working directory must not redirect the secret.
 */
export function resolveConfig(layers: { source: string; layer: ConfigLayer }[]): ProbeConfig {
  const merged: ConfigLayer & { sources: Record<string, string> } = { sources: {} };
  const explicitEnv = layers.some((l) => l.source === "flags" && l.layer.env !== undefined);
  const fileHost = (source: string, k: string) =>
    explicitEnv && source !== "flags" && source !== "environment" && /Host$/.test(k);
  for (const { source, layer } of layers)
    for (const [k, v] of Object.entries(layer))
      if (v !== undefined && !fileHost(source, k)) {
        (merged as unknown as Record<string, unknown>)[k] = v;
        merged.sources[k] = source;
      }
  const envName = merged.env ?? "stage";
  if (!isEnvName(envName))
    throw new ConfigError(
      `${originOfEnv(merged.sources.env)}: env "${envName}" is not one of ${ENV_NAMES.join(", ")}.`,
    );
  const env = envName;
  const timeoutMs = merged.timeout ?? DEFAULTS.timeoutMs;
  if (!inRange(timeoutMs, RANGES.timeoutMs))
    throw new ConfigError(`${merged.sources.timeout}: timeout ${timeoutMs} is not ${RANGES.timeoutMs.text}.`);
  return {
    env,
    mtls: parseHostPort(merged.mtlsHost ?? ENVIRONMENTS[env].mtlsHost, merged.sources.mtlsHost ?? "mtlsHost"),
    public: merged.publicHost ? parseHostPort(merged.publicHost, merged.sources.publicHost) : undefined,
    clientKey: merged.clientKey,
    ca: merged.ca,
    timeoutMs,
    origin: {
      mtls: merged.sources.mtlsHost
        ? originOf(merged.sources.mtlsHost, "--host", "CONNECTPAY_MTLS_HOST")
        : envOrigin(env, merged.sources.env),
      public:
        merged.sources.publicHost && originOf(merged.sources.publicHost, "--public-host", "CONNECTPAY_PUBLIC_HOST"),
    },
  };
}
