import type { CheckedBundle } from "../check-bundle.js";
import { judgeRevocation, type RevocationResult } from "./judge.js";
import { chainLinks, type OfflineCrls, planRevocation } from "./plan.js";

/** A judged bundle's revocation from CRLs handed in (`--crl-file`) alone: nothing is fetched. */
export function offlineRevocation(checked: CheckedBundle, at: Date, offline: OfflineCrls): RevocationResult {
  const links = chainLinks(checked.entries, checked.chain);
  return judgeRevocation(planRevocation(links, { online: false, offline }), [], at);
}
