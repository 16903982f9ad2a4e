import { crossSignedCopies } from "../../../core/chain/same-ca.js";
import { describeRequests } from "../../../core/csr-describe.js";
import { displayText } from "../../../core/display-text.js";
import { decodeAny } from "../../../core/input/decode-any.js";
import { DecodeError, PasswordError } from "../../../core/input/decode-errors.js";
import { AliasError } from "../../../core/input/java-keystore.js";
import { Pkcs7LimitError } from "../../../core/input/pkcs7.js";
import { describePlaces } from "../../../core/input/secret-bundles.js";
import { fileInHint } from "../../../core/input/shell-arg.js";
import { decodeText } from "../../../core/input/text.js";
import { LIMITS } from "../../../core/limits.js";
import { describeCertificate } from "../../../core/x509/describe-certificate.js";
import { renderInspectHuman, renderInspectJson } from "../../../report/inspect-report.js";
import { renderErrorJson } from "../../../report/json.js";
import { renderServerHuman, renderServerJson } from "../../../report/server-report.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parseAt } from "../../option-values.js";
import { readInputFile } from "../../options.js";
import { colorLevel, painter } from "../../paint.js";
import { type PasswordFlags, readPassword } from "../../password.js";
import { inspectServer, type ServerFlags, type ServerTarget, serverTarget } from "./server.js";

export interface InspectFlags extends PasswordFlags, ServerFlags {
  json?: boolean;
  at?: string;
  color?: boolean;
  alias?: string;
}

export async function inspectCommand(input: string, flags: InspectFlags, io: Io): Promise<number> {
  const at = parseAt(flags.at);
  const server = input === "-" ? undefined : serverTarget(input, io.cwd);
  if (server) return inspectServerCommand(server, flags, at, io);
  if (flags.ca || flags.timeout) throw new UsageError("--ca and --timeout are for inspecting a server (host:port).");
  const bytes =
    input === "-" ? await io.readStdin(LIMITS.maxInputBytes) : await readInputFile(io.cwd, input, "inspect");
  const file = input === "-" ? "<stdin>" : input;
  const requests = await describeRequests(decodeText(bytes).text);
  let decoded: Awaited<ReturnType<typeof decodeAny>>;
  try {
    decoded = await decodeAny(bytes, (what) => readPassword(flags, io, what), { alias: flags.alias });
  } catch (err) {
    if (err instanceof PasswordError || err instanceof AliasError) throw new UsageError(`${err.message}.`);
    if (!(err instanceof DecodeError)) throw err;
    const next = err instanceof Pkcs7LimitError ? ` ${fileInHint(err.hint, file)}` : "";
    return nothingToShow(`${file}: ${err.message}; nothing to inspect.${next}`, flags, io);
  }
  const name = decoded.secrets ? `${file} (${describePlaces(decoded.secrets)})` : file;
  if (decoded.inspectable.length === 0 && requests.length === 0) {
    return nothingToShow(`${name}: no certificate or certificate request found.`, flags, io);
  }
  const copies = crossSignedCopies(decoded.inspectable);
  const details = decoded.inspectable.map((c, i) => {
    const d = describeCertificate(c, i, at);
    const sameAs = copies.get(i);
    return sameAs === undefined ? d : { ...d, crossSigned: { issuer: c.issuer, sameAs } };
  });
  const inspected = {
    input: name,
    format: decoded.format,
    privateKeys: decoded.privateKeys,
    requests: requests.length ? requests : undefined,
  };
  if (flags.json) io.stdout(renderInspectJson(inspected, details));
  else io.stdout(renderInspectHuman(inspected, details, await painter(colorLevel(flags, io))));
  return 0;
}

/** Exit 1 with nothing to show; with --json, stdout still gets one document saying why. */
function nothingToShow(message: string, flags: InspectFlags, io: Io): number {
  io.stderr(`${displayText(message)}\n`);
  if (flags.json) io.stdout(renderErrorJson(1, message));
  return 1;
}

async function inspectServerCommand(target: ServerTarget, flags: InspectFlags, at: Date, io: Io): Promise<number> {
  const seen = await inspectServer(target, flags, at, io);
  if (!seen) return 1;
  if (flags.json) io.stdout(renderServerJson(seen));
  else io.stdout(renderServerHuman(seen, await painter(colorLevel(flags, io))));
  return 0;
}
