import { finding } from "../finding.js";
import { describeCert, type Rule } from "../rule.js";
import { colonHex } from "../x509/der.js";

export const chainIncomplete: Rule = {
  ids: ["chain.incomplete"],
  check(ctx) {
    const { path, complete } = ctx.chain;
    if (path.length === 0 || ctx.trust?.endsAtAnchor) return [];
    const top = path[path.length - 1];
    const above = ctx.trust?.anchorAbove;
    if (above)
      return [
        finding("chain.incomplete", {
          message: `The chain is incomplete: its root, ${above.subject} (one of the --trust roots), issued ${describeCert(ctx, top)} but is not in the file. ConnectPay wants the root included.`,
          certificate: top,
          hint: "Append that root certificate to the file (`connectpay-cert fix FILE --ca-file ROOTS -o fixed.pem`).",
        }),
      ];
    if (complete) return [];
    const cert = ctx.entries[top].cert;
    const aki = cert.authorityKeyId ? `, key id ${colonHex(cert.authorityKeyId)}` : "";
    const what = cert.basicConstraints?.ca ? "an intermediate or the root" : "the intermediate(s) and the root";
    return [
      finding("chain.incomplete", {
        message: `The chain is incomplete: nothing in the file issued ${describeCert(ctx, top)}. Missing issuer: ${cert.issuer}${aki}. ConnectPay needs ${what} too.`,
        certificate: top,
        hint: "Add the missing certificates from your CA's download page, or let the tool find them: `connectpay-cert fix FILE --fetch-missing -o fixed.pem`.",
      }),
    ];
  },
};
