import { finding } from "../findings/finding.js";
import { colonHex } from "../x509/der.js";
import { isSelfSigned } from "../x509/signature.js";
import { firstHttpUrl } from "../x509/urls.js";
import { describeCert, type Rule, type RuleContext } from "./rule.js";

/**
 * ConnectPay wants the chain to end at the self-signed root, whatever the server trusts: a `--trust` anchor
 * that is an intermediate (or the leaf itself) does not make a file without its root complete. OpenSSL
 * agrees: without -partial_chain it refuses a chain that stops at a trusted intermediate.
 */
export const chainIncomplete: Rule = {
  ids: ["chain.incomplete"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    if (path.length === 0 || complete) return [];
    const top = path[path.length - 1];
    const above = ctx.trust?.anchorAbove;
    if (above && isSelfSigned(above))
      return [
        finding("chain.incomplete", {
          message: `The chain is incomplete: its root, ${above.subject} (one of the --trust roots), issued ${describeCert(ctx, top)} but is not in the file. ConnectPay wants the root included.`,
          certificate: top,
          hint: "Append that root certificate to the file (`connectpay-cert fix FILE --ca-file ROOTS -o fixed.pem`).",
        }),
      ];
    return [missingIssuer(ctx, top)];
  },
};

function missingIssuer(ctx: RuleContext, top: number) {
  const cert = ctx.entries[top].cert;
  const aki = cert.authorityKeyId ? `, key id ${colonHex(cert.authorityKeyId)}` : "";
  const what = cert.basicConstraints?.ca ? "an intermediate or the root" : "the intermediate(s) and the root";
  const anchor =
    ctx.trust?.endsAtAnchor || ctx.trust?.anchorAbove
      ? " A --trust anchor that is not a self-signed root does not complete the file."
      : "";
  return finding("chain.incomplete", {
    message: `The chain is incomplete: nothing in the file issued ${describeCert(ctx, top)}. Missing issuer: ${cert.issuer}${aki}. ConnectPay needs ${what} too.${anchor}`,
    certificate: top,
    hint: firstHttpUrl(cert.aia.caIssuers)
      ? "Add the missing certificates from your CA's download page, or let the tool find them: `connectpay-cert fix FILE --fetch-missing -o fixed.pem`."
      : // Without a CA Issuers URL there is nothing to fetch: only a file the user downloads can complete it.
        "Download the missing certificates from your CA's site (the certificate names no CA Issuers URL to fetch them from) and add them: `connectpay-cert fix FILE --ca-file downloaded.pem -o fixed.pem`.",
  });
}
