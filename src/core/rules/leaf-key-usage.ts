import { keyUsageOpensslOnlyFinding, leafKeyUsageFinding } from "../findings/leaf.js";
import type { Certificate } from "../x509/certificate.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

/**
 * The key usage bits OpenSSL's purpose check takes for the leaf (v3_purp.c: sslclient wants
 * digitalSignature or keyAgreement, sslserver KU_TLS, any of the three), whatever the key type. The gateway
 * runs OpenSSL, so only a key usage outside these is an error; what OpenSSL takes but a handshake cannot
 * use with this key is a warning (leaf.key-usage-openssl-only).
 */
const OPENSSL_TLS_BITS: Record<RuleContext["purpose"], string[]> = {
  client: ["digitalSignature", "keyAgreement"],
  any: ["digitalSignature", "keyAgreement"],
  server: ["digitalSignature", "keyEncipherment", "keyAgreement"],
};

export const leafKeyUsage: Rule = {
  ids: ["leaf.key-usage", "leaf.key-usage-openssl-only"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined) return [];
    const cert = ctx.entries[leaf].cert;
    if (!cert.keyUsage || allowsHandshake(cert, ctx.purpose)) return [];
    const ku = cert.keyUsage.join(", ") || "(none)";
    const at = certAt(ctx, leaf);
    const purpose = ctx.purpose === "server" ? "server" : "client";
    if (cert.keyUsage.some((bit) => OPENSSL_TLS_BITS[ctx.purpose].includes(bit)))
      return [keyUsageOpensslOnlyFinding(at, ku, purpose, handshakeNeed(cert, ctx.purpose))];
    return [leafKeyUsageFinding(at, ku, purpose, cert.key.algorithm)];
  },
};

function handshakeNeed(cert: Certificate, purpose: RuleContext["purpose"]): string {
  if (purpose !== "server") return "a TLS client signs the handshake (CertificateVerify), which needs digitalSignature";
  return `its ${cert.key.algorithm} key can do neither a signed key exchange (no digitalSignature) nor ${cert.key.algorithm === "RSA" ? "static ECDH (keyAgreement needs an EC key)" : "RSA key exchange (keyEncipherment needs an RSA key)"}`;
}

/**
 * A TLS client always signs CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8), so it needs
 * digitalSignature. A TLS 1.2 server may instead decrypt an RSA key exchange (keyEncipherment, RFC 5246
 * §7.4.2) or do static ECDH (keyAgreement, RFC 4492 §2.1); we pair the last two with the key type that can
 * use them.
 */
function allowsHandshake(cert: Certificate, purpose: RuleContext["purpose"]): boolean {
  const ku = cert.keyUsage ?? [];
  if (ku.includes("digitalSignature")) return true;
  if (purpose !== "server") return false;
  const algorithm = cert.key.algorithm;
  return (ku.includes("keyEncipherment") && algorithm === "RSA") || (ku.includes("keyAgreement") && algorithm === "EC");
}
