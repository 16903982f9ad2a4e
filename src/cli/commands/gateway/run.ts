import { checkBundle } from "../../../core/check-bundle.js";
import { DEFAULTS } from "../../../core/defaults.js";
import { displayText } from "../../../core/display-text.js";
import { shellArg } from "../../../core/input/shell-arg.js";
import { type Gateway, type GatewayOptions, startGateway } from "../../../lab/gateway-server.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parsePort } from "../../option-values.js";
import { readOptionFile } from "../../options.js";
import { readClientSecret } from "../../secret.js";
import { assertNotInput, writeFileAtomic } from "../../write-file.js";

export interface GatewayFlags {
  registered?: string[];
  revoked?: string[];
  clientKey?: string;
  clientSecretFile?: string;
  serverCert?: string;
  serverKey?: string;
  caOut?: string;
  host?: string;
  port?: string;
  publicPort?: string;
  ocsp?: boolean;
}

/** Runs until SIGINT/SIGTERM; `waitForStop` is injectable so tests need no signals. */
export async function gatewayCommand(flags: GatewayFlags, io: Io, waitForStop = stopSignal): Promise<number> {
  if (!flags.registered?.length) throw new UsageError("gateway needs at least one --registered <bundle>.");
  if (!flags.clientKey) throw new UsageError("gateway needs --client-key <id>.");
  if (Boolean(flags.serverCert) !== Boolean(flags.serverKey))
    throw new UsageError("--server-cert and --server-key go together.");
  const mtlsPort = parsePort("--port", flags.port) ?? DEFAULTS.gatewayPort;
  const publicPort = parsePort("--public-port", flags.publicPort) ?? DEFAULTS.gatewayPublicPort;
  const caOut = flags.caOut ?? DEFAULTS.gatewayCaOut;
  // Checked before anything is read or started, as fix does: the ephemeral CA never replaces an input.
  const inputs = [...flags.registered, flags.clientSecretFile, flags.serverCert, flags.serverKey];
  const given = inputs.filter((f): f is string => Boolean(f));
  // With --server-cert there is no ephemeral CA, and nothing is written.
  const caOutPath = flags.serverCert ? undefined : assertNotInput(io.cwd, caOut, given, "--ca-out");
  const secret = await readClientSecret(flags.clientSecretFile, io);
  const registered = await Promise.all(flags.registered.map((f) => readOptionFile(io.cwd, f, "--registered")));
  warnRejected(flags.registered, registered, io);
  const server = await serverIdentity(flags, io);
  const gw = await start({
    registered,
    revoked: flags.revoked,
    clientKey: flags.clientKey,
    clientSecret: secret,
    server,
    host: flags.host ?? DEFAULTS.gatewayHost,
    mtlsPort,
    publicPort,
    ocsp: flags.ocsp,
    log: (line) => io.stderr(`${new Date().toISOString()} ${line}\n`),
  });
  // Listen for the stop signal before saying how to send it: a signal in between must not kill the process.
  const stopped = waitForStop();
  if (gw.caPem && caOutPath) await writeFileAtomic(caOutPath, gw.caPem);
  io.stdout(`mTLS host:  ${gw.mtlsUrl}\n1-way host: ${gw.publicUrl}\n`);
  if (gw.caPem) io.stdout(`server CA:  ${caOut} (pass it to probe --ca)\n`);
  io.stdout("Press Ctrl-C to stop.\n");
  await stopped;
  await gw.close();
  io.stdout("gateway stopped\n");
  return 0;
}

/** --server-cert and --server-key as PEM text; undefined for an ephemeral CA. */
async function serverIdentity(flags: GatewayFlags, io: Io) {
  if (!flags.serverCert) return undefined;
  return {
    certPem: (await readOptionFile(io.cwd, flags.serverCert, "--server-cert")).toString("utf8"),
    keyPem: (await readOptionFile(io.cwd, flags.serverKey ?? "", "--server-key")).toString("utf8"),
  };
}

/**
 * The gateway trusts what it is given, but ConnectPay would first judge it: a rehearsal with a bundle
 * `check` rejects passes here and fails there, so say so before the first request.
 */
function warnRejected(files: string[], bundles: Buffer[], io: Io): void {
  for (const [n, bytes] of bundles.entries()) {
    const options = { at: new Date(), warnDays: DEFAULTS.warnDays, scope: "chain", strict: false } as const;
    const { result } = checkBundle(bytes, files[n], options);
    if (result.ok) continue;
    const ids = [...new Set(result.findings.filter((f) => f.severity === "error").map((f) => f.id))];
    io.stderr(
      `${displayText(`warning: --registered ${files[n]} is a bundle check rejects (${ids.join(", ")}): ConnectPay would not register it as it is. Run \`connectpay-cert check ${shellArg(files[n])}\` for why.`)}\n`,
    );
  }
}

async function start(opts: GatewayOptions): Promise<Gateway> {
  try {
    return await startGateway(opts);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE" || e.code === "EACCES") throw new UsageError(`cannot listen: ${e.message}.`);
    if (e.message?.startsWith("registered bundle")) throw new UsageError(`--registered: ${e.message}.`);
    throw err;
  }
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
