import { shellArg } from "../input/shell-arg.js";
import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** Keys: the certificates' public keys and the private key given with --key. */
export const KEY_FINDINGS = {
  "key.weak": { severity: "error" },
  "key.rsa-exponent": { severity: "error" },
  "key.mismatch": { severity: "error" },
  "key.permissions": { severity: "warning" },
  "secret.permissions": { severity: "warning" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of KEY_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
// biome-ignore lint/complexity/noExcessiveLinesPerFunction: a table of texts, not logic
export const KEY_TEXTS = (): GroupTexts<typeof KEY_FINDINGS> => ({
  "key.weak": {
    title: "Weak key",
    summary: "RSA under 2048 bits, EC under 256 bits",
    description: "RSA key under 2048 bits, or EC key under 256 bits.",
    why: "Current TLS stacks refuse keys this small, so the handshake with ConnectPay fails.",
    fix: "new key, new certificate",
    source: "CA/Browser Forum Baseline Requirements §6.1.5; NIST SP 800-131A",
    example:
      "Certificate 1 (CN=payments.acme.example) has a RSA 1024 key, below the minimum of RSA 2048 / EC 256 bits.",
    exampleFrom: { check: ["fixtures/key/rsa-1024.pem"] },
    group: "check",
  },
  "key.rsa-exponent": {
    title: "RSA public exponent too large",
    summary: "an RSA public exponent of more than 33 bits (65537 has 17)",
    description:
      "A certificate's RSA public exponent has more than 33 bits. Its signatures are not verified: each would cost many times a normal one.",
    why: "BoringSSL (and with it Chrome and many TLS stacks) refuses RSA keys with an exponent over 33 bits, so a handshake or a chain that relies on this key fails; a large exponent only makes every verification slower.",
    fix: "new key (RSA with e = 65537), new certificate",
    source:
      "BoringSSL RSA key checks (kMaxExponentBits = 33); RFC 8017 §3.1; CA/Browser Forum Baseline Requirements §6.1.6",
    example:
      "Certificate 2 (CN=Acme Issuing CA) has an RSA public exponent of 3071 bits; TLS libraries refuse more than 33 (65537 has 17), so nothing it signed is verified.",
    exampleFrom: { test: "key" },
    group: "check",
  },
  "key.mismatch": {
    title: "Key does not belong to the leaf",
    summary: "`--key` does not belong to the leaf",
    description: "`--key` was given and it does not belong to the leaf.",
    why: "The handshake proves possession of the leaf's key; with another key it fails.",
    fix: "use the key made with the CSR",
    source: "RFC 8446 §4.4.3: the handshake is signed with the leaf's private key",
    example:
      "The private key given with --key does not belong to the leaf, Certificate 1 (CN=payments.acme.example). The TLS handshake would fail.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--key", "fixtures/good/other.key"] },
    group: "check",
  },
  "key.permissions": {
    title: "Key file readable by others",
    summary: "the `--key` file is readable by group or others (also in `check --key`)",
    description: "The private key file given with --key is readable by group or others (POSIX systems).",
    why: "The key is what proves your identity to ConnectPay; anyone who can read it can call the API as you.",
    fix: "`chmod 600` the key",
    source: "Private keys stay private: chmod 600",
    example: "The private key fixtures/good/other.key is readable by its group and everyone (mode 644).",
    exampleFrom: { test: "key" },
    group: "probe",
  },
  "secret.permissions": {
    title: "ClientSecret file readable by others",
    summary: "the `--client-secret-file` is readable by group or others",
    description: "The file given with --client-secret-file is readable by group or others (POSIX systems).",
    why: "With the ClientSecret and your certificate anyone can call the API as your DevApp.",
    fix: "`chmod 600` the secret file",
    source: "Secrets stay readable by their owner only: the same check as for --key",
    example: "The ClientSecret file secret.txt is readable by its group and everyone (mode 644).",
    exampleFrom: { test: "key" },
    group: "probe",
  },
});

const finding = findingsOf(KEY_FINDINGS);

/** `bits`: the exponent's; `limit`: the most TLS libraries take (LIMITS.maxRsaExponentBits). */
export function rsaExponentFinding(cert: CertAt, bits: number, limit: number): Finding {
  return finding("key.rsa-exponent", {
    message: `${cert.name} has an RSA public exponent of ${bits} bits; TLS libraries refuse more than ${limit} (65537 has 17), so nothing it signed is verified.`,
    certificate: cert.index,
    hint: "Generate a new RSA key with the usual exponent 65537 and have the certificate reissued.",
  });
}

/** `mode`: the file's permission bits, group or others may read it. */
export function keyPermissionsFinding(file: string, mode: number): Finding {
  return finding("key.permissions", permissionTexts("The private key", file, mode));
}

export function secretPermissionsFinding(file: string, mode: number): Finding {
  return finding("secret.permissions", permissionTexts("The ClientSecret file", file, mode));
}

function permissionTexts(what: string, file: string, mode: number) {
  return {
    message: `${what} ${file} is readable by ${mode & 0o070 ? "its group" : ""}${mode & 0o070 && mode & 0o007 ? " and " : ""}${mode & 0o007 ? "everyone" : ""} (mode ${mode.toString(8).padStart(3, "0")}).`,
    hint: `Restrict it to its owner: chmod 600 ${shellArg(file)}`,
  };
}

/** `key`: the certificate's key as messages show it, e.g. "RSA 1024". */
export function weakKeyFinding(cert: CertAt, key: string): Finding {
  return finding("key.weak", {
    message: `${cert.name} has a ${key} key, below the minimum of RSA 2048 / EC 256 bits.`,
    certificate: cert.index,
    hint: "Generate a new key (RSA 2048+ or EC P-256+) and have the certificate reissued.",
  });
}

export function keyMismatchFinding(leaf: CertAt): Finding {
  return finding("key.mismatch", {
    message: `The private key given with --key does not belong to the leaf, ${leaf.name}. The TLS handshake would fail.`,
    certificate: leaf.index,
    hint: "Use the key generated together with the CSR for this certificate.",
  });
}
