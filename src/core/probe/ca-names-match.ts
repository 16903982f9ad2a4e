import { type Finding, finding } from "../findings/finding.js";
import type { Certificate } from "../x509/certificate.js";
import { nameFromDer } from "../x509/names.js";

const norm = (k: string, v: string) => `${k.trim().toUpperCase()}=${v.trim().toLowerCase()}`;

/** `CN = X, O = Y` as `openssl s_client` prints a name, to a comparable set of attributes. */
function opensslNameSet(name: string): Set<string> {
  return new Set(
    name
      .split(/,\s*(?=[A-Za-z][A-Za-z0-9.]* = )/)
      .map((part) => part.split(" = "))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => norm(k, v.replace(/\\(.)/g, "$1"))),
  );
}

function certNameSet(der: Buffer): Set<string> {
  return new Set(nameFromDer(der).map((a) => norm(a.type, a.value)));
}

const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));

/** Whether one of the names the server accepts is an issuer of our chain (or its root). */
export function caNamesFinding(names: string[], chain: Certificate[], refused: boolean): Finding | undefined {
  if (names.length === 0 || chain.length === 0) return undefined;
  const ours = chain.flatMap((c) => [c.issuerDer, ...(c === chain[0] ? [] : [c.subjectDer])]);
  const accepted = names.map(opensslNameSet);
  if (ours.some((der) => accepted.some((a) => same(a, certNameSet(der))))) return undefined;
  const top = chain[chain.length - 1];
  return finding(
    "tls.ca-not-accepted",
    {
      message: `The server accepts client certificates from ${names.length} CA(s) (${names.slice(0, 3).join("; ")}${names.length > 3 ? "; …" : ""}), and none of them is an issuer of your chain, which ends at ${top.subject}. This is the usual reason a freshly sent chain "doesn't work yet": it has not been added to the server's truststore.`,
      hint: "Ask ConnectPay support to confirm that your chain (root and intermediate) is in the gateway truststores, or check that you present the chain you registered.",
    },
    refused ? "error" : "warning",
  );
}
