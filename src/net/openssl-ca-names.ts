import { spawn } from "node:child_process";
import { isIP } from "node:net";

export type CaNamesResult =
  | { available: true; requested: boolean; names: string[] }
  | { available: false; reason: string };

/**
 * The CA names a server lists in its CertificateRequest. Node's tls does not expose them, so this asks
 * `openssl s_client` (no client key is given to it) and reads its "Acceptable client certificate CA names".
 */
export function acceptableCaNames(host: string, port: number, timeoutMs: number): Promise<CaNamesResult> {
  const args = ["s_client", "-connect", `${host}:${port}`];
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
      out += c;
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

export function parseSClient(out: string): CaNamesResult {
  if (/No client certificate CA names sent/.test(out)) return { available: true, requested: true, names: [] };
  const start = out.indexOf("Acceptable client certificate CA names");
  if (start === -1) {
    if (/-----BEGIN CERTIFICATE-----|Server certificate|SSL handshake has read/.test(out))
      return { available: true, requested: false, names: [] };
    return { available: false, reason: "openssl s_client could not complete a handshake" };
  }
  const names: string[] = [];
  for (const line of out.slice(start).split("\n").slice(1)) {
    if (/^(Client Certificate Types|Requested Signature|Shared Requested|Peer signing|---)/.test(line) || !line.trim())
      break;
    names.push(line.trim());
  }
  return { available: true, requested: true, names };
}
