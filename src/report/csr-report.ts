import type { CsrRequest } from "../core/csr.js";
import { displayText } from "../core/display-text.js";

/** What `csr` prints: the files, what to ask the CA for, what to avoid, the next commands. Never the key. */
export function renderCsrGuide(r: CsrRequest, paths: { key: string; csr: string }, reusedKey?: string): string {
  // File names come from the user's -o: shown, never interpreted: a name is untrusted text.
  const files = { key: displayText(paths.key), csr: displayText(paths.csr) };
  const subject = [r.country && `C=${r.country}`, r.org && `O=${r.org}`, `CN=${r.cn}`].filter(Boolean).join(", ");
  const wrote = reusedKey
    ? `Wrote ${files.csr} (the request) for the existing key ${files.key}: the key is reused, not copied or changed.`
    : `Wrote ${files.key} (private key, mode 0600: it never leaves this machine) and ${files.csr} (the request).`;
  return `${wrote}
Subject: ${displayText(subject)}${r.sans.length ? `\nSubject alternative names: ${displayText(r.sans.join(", "))}` : ""}
Key: ${reusedKey ? `${reusedKey} (reused)` : r.keyType}

Ask your CA for:
  - a TLS client certificate: extended key usage clientAuth (TLS Web Client Authentication), key usage digitalSignature
  - the full chain with it: your certificate, the intermediate(s) and the root (PEM, .p7b or .p12 are all fine)
  - a validity you can live with: a renewed certificate has a new serial and must be sent to ConnectPay again

Avoid:
  - Let's Encrypt and Cloudflare certificates: ConnectPay does not accept them
  - a server-only certificate (serverAuth without clientAuth): ConnectPay's gateway refuses it as a client certificate

Send ${files.csr} to the CA. When the certificate comes back:
  $ connectpay-cert fix <what-the-ca-sent> -o chain.pem
  $ connectpay-cert check chain.pem --key ${files.key}
  $ connectpay-cert fix chain.pem --zip connectpay.zip --company "…" --client-id "…"
`;
}
