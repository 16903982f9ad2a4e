import { spawn } from "node:child_process";
import { isIP } from "node:net";

export type CaNamesResult =
  | {
      available: true;
      requested: boolean;
      names: string[];
      /** with `showCerts`: the server's certificates as PEM, in the order they came on the wire */
      chain?: string[];
    }
  | { available: false; reason: string };

/** s_client's -msg hex dumps are long, but a handshake summary fits well within this. */
const MAX_OUTPUT = 1024 * 1024;

/**
 * The CA names a server lists in its CertificateRequest, and whether it sent one at all. Node's tls exposes
 * neither, so this asks `openssl s_client -msg` (no client key is given to it): -msg names every handshake
 * message received, and the summary lists the "Acceptable client certificate CA names".
 */
export function acceptableCaNames(
  host: string,
  port: number,
  timeoutMs: number,
  opts: { showCerts?: boolean } = {},
): Promise<CaNamesResult> {
  // An IPv6 literal needs its brackets, or s_client reads "::1:443" as ambiguous.
  const args = ["s_client", "-msg", "-connect", `${isIP(host) === 6 ? `[${host}]` : host}:${port}`];
  if (opts.showCerts) args.push("-showcerts");
  if (!isIP(host)) args.push("-servername", host);
  return new Promise((resolve) => {
    let out = "";
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn("openssl", args, { stdio: ["ignore", "pipe", "pipe"] });
    } catch {
      resolve({ available: false, reason: "the openssl command is not available" });
      return;
    }
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.stdout?.on("data", (c) => {
      if (out.length < MAX_OUTPUT) out += c;
      else child.kill();
    });
    child.stderr?.on("data", () => {});
    child.on("error", () => {
      clearTimeout(timer);
      resolve({ available: false, reason: "the openssl command is not available on this machine" });
    });
    child.on("close", () => {
      clearTimeout(timer);
      resolve(parseSClient(out));
    });
  });
}

/**
 * Only a CertificateRequest proves the server asked: -msg's "<<< … CertificateRequest" line, or the
 * "Requested Signature Algorithms" / "Client Certificate Types" lines read from one. OpenSSL 3 prints
 * "No client certificate CA names sent" whether or not a request came, so that line alone proves nothing.
 */
const REQUEST_SEEN = /^<<< .*CertificateRequest\s*$|^Requested Signature Algorithms:|^Client Certificate Types:/m;

/**
 * s_client's own headings are whole lines; a server's certificate can only put text after a prefix
 * ("subject=", " 0 s:"), so matching whole lines keeps a CN that reads like a heading from passing as one.
 */
const CA_NAMES_HEADING = /^Acceptable client certificate CA names\r?$/m;

export function parseSClient(out: string): CaNamesResult {
  const requested = REQUEST_SEEN.test(out);
  const chain = sentChain(out);
  const heading = CA_NAMES_HEADING.exec(out);
  if (!heading) {
    if (requested || chain.length || /^(Server certificate|SSL handshake has read)/m.test(out))
      return { available: true, requested, names: [], ...withChain(chain) };
    return { available: false, reason: "openssl s_client could not complete a handshake" };
  }
  const names: string[] = [];
  for (const line of out.slice(heading.index).split("\n").slice(1)) {
    if (/^(Client Certificate Types|Requested Signature|Shared Requested|Peer signing|---)/.test(line) || !line.trim())
      break;
    names.push(line.trim());
  }
  // A list of names is only printed from a CertificateRequest.
  return { available: true, requested: true, names, ...withChain(chain) };
}

const withChain = (chain: string[]) => (chain.length ? { chain } : {});

/** The PEM blocks of the "Certificate chain" section (-showcerts), in the order the server sent them. */
function sentChain(out: string): string[] {
  const start = /^Certificate chain\r?$/m.exec(out);
  if (!start) return [];
  const section = out.slice(start.index).split(/^---\r?$/m)[0];
  return section.match(/^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+?^-----END CERTIFICATE-----$/gm) ?? [];
}
