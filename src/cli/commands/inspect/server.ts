import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { type BundleResult, checkBundle } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import { displayText } from "../../../core/display-text.js";
import { repairChain } from "../../../core/fix/repair.js";
import { type DecodedInput, decodeAny } from "../../../core/input/decode-any.js";
import { toPem } from "../../../core/input/pem.js";
import { mozillaRoots } from "../../../core/trust-store/root-store.js";
import type { Certificate } from "../../../core/x509/certificate.js";
import { describeCertificate } from "../../../core/x509/describe-certificate.js";
import { renderErrorJson } from "../../../report/json.js";
import type { ServerInspection } from "../../../report/server-report.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parseMilliseconds } from "../../option-values.js";
import { readOptionFile } from "../../options.js";

export interface ServerTarget {
  host: string;
  port: number;
  /** as the user wrote it, for the report */
  shown: string;
}

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;

/**
 * `inspect https://host[:port]` or `inspect host:port`: a server to connect to. A name that is an existing
 * file stays a file, so `inspect a:1` still reads a file called "a:1" when there is one.
 */
export function serverTarget(input: string, cwd: string): ServerTarget | undefined {
  if (/^https:\/\//i.test(input)) {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new UsageError(`inspect: ${input} is not a URL.`);
    }
    const port = url.port ? Number(url.port) : 443;
    if (port < 1) throw new UsageError(`inspect: ${url.port} is not a port number from 1 to 65535.`);
    const host = url.hostname.replace(/^\[|\]$/g, "");
    return { host, port, shown: `${url.hostname}:${port}` };
  }
  const m = HOST_PORT.exec(input);
  if (!m || existsSync(resolve(cwd, input))) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) throw new UsageError(`inspect: ${m[2]} is not a port number from 1 to 65535.`);
  return { host: m[1].replace(/^\[|\]$/g, ""), port, shown: input };
}

export interface ServerFlags {
  ca?: string;
  timeout?: string;
  json?: boolean;
}

/** Connects, reads what the server sends, and judges it in core; undefined when no handshake happened. */
export async function inspectServer(
  target: ServerTarget,
  flags: ServerFlags,
  at: Date,
  io: Io,
): Promise<ServerInspection | undefined> {
  const timeoutMs = parseMilliseconds("--timeout", flags.timeout) ?? DEFAULTS.timeoutMs;
  const anchors = flags.ca ? await readCa(flags.ca, io) : undefined;
  const { readServerChain } = await import("../../../net/server-chain.js");
  const { acceptableCaNames } = await import("../../../net/openssl-ca-names.js");
  const [seen, names] = await Promise.all([
    readServerChain(target.host, target.port, timeoutMs),
    acceptableCaNames(target.host, target.port, timeoutMs, { showCerts: true }),
  ]);
  if (!seen.ok) {
    const message = `inspect: no TLS handshake with ${target.shown}: ${seen.failure.message}.`;
    io.stderr(`${displayText(message)}\n`);
    // With --json, stdout still gets one document saying why.
    if (flags.json) io.stdout(renderErrorJson(1, message));
    return undefined;
  }
  // s_client prints the certificates in the order they came; Node only gives its own issuer walk of them.
  const wire = names.available && names.chain?.length ? names.chain : undefined;
  const sentPem = wire ? wire.join("\n") : seen.chain.map((d) => toPem(d)).join("");
  const decoded = await decodeAny(Buffer.from(sentPem), async () => "");
  const verdict = await judgeServerChain(decoded, target, flags.ca, anchors, at);
  return {
    target: target.shown,
    address: seen.address,
    protocol: seen.protocol,
    order: wire ? "wire" : "rebuilt",
    sent: decoded.certs.map((c, i) => describeCertificate(c, i, at)),
    verdict,
    trustSource: flags.ca ? `--ca ${flags.ca}` : "the Mozilla store in Node",
    nameMismatch: seen.nameMismatch,
    clientCertificates: names.available ? { asked: names.requested, caNames: names.names } : { unknown: names.reason },
  };
}

/**
 * The sent certificates in their own order, followed by what the trust source adds (a server need not send
 * its root), judged like `check --purpose server`: a misordered chain is reported as such, not repaired.
 */
async function judgeServerChain(
  decoded: DecodedInput,
  target: ServerTarget,
  caFile: string | undefined,
  anchors: Certificate[] | undefined,
  at: Date,
): Promise<BundleResult> {
  const sources = anchors ? { caFile: { name: caFile ?? "--ca", certs: anchors } } : { systemRoots: mozillaRoots };
  const repaired = await repairChain(decoded, sources, { purpose: "server" });
  const sent = new Set(decoded.certs.map((c) => Buffer.from(c.der).toString("base64")));
  const added = repaired.chain.filter((c) => !sent.has(Buffer.from(c.der).toString("base64")));
  const pem = [...decoded.certs, ...added].map((c) => toPem(c.der)).join("");
  // Without --ca the anchors are the store's roots, so a server's self-made root is not "trusted".
  const options = { at, warnDays: DEFAULTS.warnDays, scope: "chain", strict: false, purpose: "server" } as const;
  const verdict = checkBundle(Buffer.from(pem), target.shown, {
    ...options,
    anchors: anchors ?? mozillaRoots(),
  }).result;
  // A finding's hint names the input as a file to fix; a server is not one, so such hints are left out.
  verdict.findings = verdict.findings.map((f) => (f.hint?.includes(target.shown) ? { ...f, hint: undefined } : f));
  return verdict;
}

async function readCa(file: string, io: Io): Promise<Certificate[]> {
  const bytes = await readOptionFile(io.cwd, file, "--ca");
  const certs = await decodeAny(bytes, async () => "").then(
    (d) => d.certs,
    () => [],
  );
  if (certs.length === 0) throw new UsageError(`--ca: ${file} holds no readable certificate.`);
  return certs;
}
