import { registrationDifferences } from "./registration.js";
import type { RuleContext } from "./rules/rule.js";

/**
 * What a comparison the user asked for found equal: `--key` and `--registered` are otherwise silent when
 * they match, and a person checking a renewal wants the evidence, not the absence of a complaint.
 */
export function matchedEvidence(ctx: RuleContext): string[] {
  const leaf = ctx.chain.path[0];
  if (leaf === undefined) return [];
  const cert = ctx.entries[leaf].cert;
  const out: string[] = [];
  if (ctx.leafKey && cert.spkiDer.equals(ctx.cache.spkiOf(ctx.leafKey)))
    out.push("key: the private key given with --key belongs to the leaf (its public key is the leaf's)");
  if (ctx.registered && registrationDifferences(cert, ctx.registered).length === 0) {
    const from = ctx.registeredFile ? ` in ${ctx.registeredFile}` : "";
    out.push(
      `registered: the leaf is the certificate registered with ConnectPay${from} (serial ${cert.serialNumber}, CN "${cert.subjectCN ?? ""}")`,
    );
  }
  return out;
}
