import type { Finding } from "../findings/finding.js";
import { fileInHint, shellArg } from "../input/shell-arg.js";

/** What `fix` was already asked to do, so its hints never suggest the option that just failed. */
export interface FixAttempt {
  fetchMissing: boolean;
  /** the input as the user named it ("<stdin>" for standard input), for the rewritten hint */
  file: string;
  /** the user's own flags that a suggested `fix` command must keep to work the same way */
  caFile?: string;
  key?: string;
  passwordEnv?: string;
  passwordFile?: string;
  alias?: string;
  purpose?: string;
  leaf?: string;
  noSystemRoots?: boolean;
  allowPrivateUrls?: boolean;
}

const AFTER_FETCH =
  "--fetch-missing could not complete it (see the gap above): download the missing certificate from your CA's site and run `connectpay-cert fix FILE --ca-file downloaded.pem -o fixed.pem`.";
const AFTER_FETCH_WITH_CA =
  "--fetch-missing could not complete it (see the gap above): download the missing certificate from your CA's site, add it to CA_FILE and run `connectpay-cert fix FILE -o fixed.pem` again.";

/**
 * The findings of a fixed chain, with hints rewritten where they would repeat what was tried,
 * and every suggested `connectpay-cert fix` command carrying the flags this run was given.
 */
export function hintsAfterFix<F extends Finding>(findings: F[], attempt: FixAttempt): F[] {
  return findings.map((f) => {
    if (!f.hint) return f;
    let hint = f.hint;
    if (attempt.fetchMissing && hint.includes("--fetch-missing"))
      hint = fileInHint(
        attempt.caFile ? AFTER_FETCH_WITH_CA.replace("CA_FILE", shellArg(attempt.caFile)) : AFTER_FETCH,
        attempt.file,
      );
    return hint === f.hint && !hint.includes("`connectpay-cert fix ") ? f : { ...f, hint: withOwnFlags(hint, attempt) };
  });
}

/** Each `connectpay-cert fix …` command in a hint, with the run's own flags in place of the placeholders. */
function withOwnFlags(hint: string, a: FixAttempt): string {
  return hint.replace(
    /`connectpay-cert fix ([^`]*)`/g,
    (_all, args: string) => `\`connectpay-cert fix ${ownArgs(args, a)}\``,
  );
}

function ownArgs(args: string, a: FixAttempt): string {
  let out = args;
  const own = (flag: string, value: string | undefined) => {
    if (value === undefined) return;
    const arg = `${flag} ${shellArg(value)}`;
    const present = new RegExp(`${flag} \\S+`);
    out = present.test(out) ? out.replace(present, arg) : `${out} ${arg}`;
  };
  // Output names stay the hint's own: a hint names the input, never an output that was not written.
  own("--ca-file", a.caFile);
  own("--key", a.key);
  own("--password-env", a.passwordEnv);
  own("--password-file", a.passwordFile);
  own("--alias", a.alias);
  own("--purpose", a.purpose);
  own("--leaf", a.leaf);
  if (a.noSystemRoots && !out.includes("--no-system-roots")) out += " --no-system-roots";
  if (a.allowPrivateUrls && out.includes("--fetch-missing")) out += " --allow-private-urls";
  return out;
}
