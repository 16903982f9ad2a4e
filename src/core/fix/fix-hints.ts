import type { Finding } from "../findings/finding.js";
import { fileInHint } from "../input/shell-arg.js";

/** What `fix` was already asked to do, so its hints never suggest the option that just failed. */
export interface FixAttempt {
  fetchMissing: boolean;
  /** the input as the user named it ("<stdin>" for standard input), for the rewritten hint */
  file: string;
}

const AFTER_FETCH =
  "--fetch-missing could not complete it (see the gap above): download the missing certificate from your CA's site and run `connectpay-cert fix FILE --ca-file downloaded.pem -o fixed.pem`.";

/** The findings of a fixed chain, with hints rewritten where they would repeat what was tried (issue 14). */
export function hintsAfterFix<F extends Finding>(findings: F[], attempt: FixAttempt): F[] {
  return findings.map((f) =>
    attempt.fetchMissing && f.hint?.includes("--fetch-missing")
      ? { ...f, hint: fileInHint(AFTER_FETCH, attempt.file) }
      : f,
  );
}
