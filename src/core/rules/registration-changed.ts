import { registrationChangedFinding } from "../findings/registration.js";
import { shellArg } from "../input/shell-arg.js";
import { registrationDifferences } from "../registration.js";
import { certAt, type Rule } from "./rule.js";

/** `--registered`: the leaf must still be the certificate ConnectPay has (serial number and CN). */
export const registrationChanged: Rule = {
  ids: ["registration.changed"],
  check(ctx) {
    const leaf = ctx.chain.path[0];
    if (!ctx.registered || leaf === undefined) return [];
    const differences = registrationDifferences(ctx.entries[leaf].cert, ctx.registered);
    if (differences.length === 0) return [];
    const file = ctx.registeredFile ? shellArg(ctx.registeredFile) : "<registered.pem>";
    return [registrationChangedFinding(certAt(ctx, leaf), differences, file)];
  },
};
