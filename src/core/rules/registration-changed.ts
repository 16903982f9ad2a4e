import { finding } from "../findings/finding.js";
import { shellArg } from "../input/shell-arg.js";
import { registrationDifferences } from "../registration.js";
import { describeCert, type Rule } from "./rule.js";

/** `--registered`: the leaf must still be the certificate ConnectPay has (serial number and CN). */
export const registrationChanged: Rule = {
  ids: ["registration.changed"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (!ctx.registered || leaf === undefined) return [];
    const differences = registrationDifferences(ctx.entries[leaf].cert, ctx.registered);
    if (differences.length === 0) return [];
    return [
      finding("registration.changed", {
        message: `The leaf, ${describeCert(ctx, leaf)}, is not the certificate registered with ConnectPay: ${differences.join("; ")}. ConnectPay matches serial number and CN, so it refuses this certificate until the new one is sent to it.`,
        certificate: leaf,
        hint: `Send it to ConnectPay before you deploy it: \`connectpay-cert fix FILE --zip connectpay.zip --registered ${ctx.registeredFile ? shellArg(ctx.registeredFile) : "<registered.pem>"}\` writes the package and the email.`,
      }),
    ];
  },
};
