import { leafKeyUsageFinding } from "../findings/leaf.js";
import type { Certificate } from "../x509/certificate.js";
import { leafOf } from "../x509/end-entity.js";
import { certAt, type Rule, type RuleContext } from "./rule.js";

export const leafKeyUsage: Rule = {
  ids: ["leaf.key-usage"],
  check(ctx) {
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined) return [];
    const cert = ctx.entries[leaf].cert;
    if (!cert.keyUsage || allowsHandshake(cert, ctx.purpose)) return [];
    const purpose = ctx.purpose === "server" ? "server" : "client";
    return [leafKeyUsageFinding(certAt(ctx, leaf), cert.keyUsage, purpose, cert.key.algorithm)];
  },
};

/**
 * A TLS client always signs CertificateVerify (RFC 8446 §4.4.3; RFC 5246 §7.4.8), so it needs
 * digitalSignature. A TLS 1.2 server may instead decrypt an RSA key exchange (keyEncipherment, RFC 5246
 * §7.4.2) or do static ECDH (keyAgreement, RFC 4492 §2.1); OpenSSL's sslserver purpose accepts any of the
 * three (its KU_TLS), and we pair the last two with the key type that can use them.
 */
function allowsHandshake(cert: Certificate, purpose: RuleContext["purpose"]): boolean {
  const ku = cert.keyUsage ?? [];
  if (ku.includes("digitalSignature")) return true;
  if (purpose !== "server") return false;
  const algorithm = cert.key.algorithm;
  return (ku.includes("keyEncipherment") && algorithm === "RSA") || (ku.includes("keyAgreement") && algorithm === "EC");
}
