import { type BundleResult, type CheckOptions, checkBundle } from "../check-bundle.js";
import { judgeRevocation } from "../revocation/judge.js";
import { chainLinks, type OfflineCrls, planRevocation } from "../revocation/plan.js";
import { settleInput } from "../verdict/judge-input.js";

/**
 * fix's verdict on the chain it made, judged as check judges it. When no chain was made (fix asks for
 * --leaf) there is nothing to judge: not ok, and only the repair's gap to report. With `--crl-file`
 * (`offline`), the chain's certificates are checked against the CRLs as check does, nothing fetched.
 */
export function judgeRepair(pem: string, input: string, options: CheckOptions, offline?: OfflineCrls): BundleResult {
  if (pem === "") return { input, ok: false, certificates: [], path: [], findings: [] };
  const checked = checkBundle(Buffer.from(pem), input, options);
  if (!offline) return checked.result;
  const links = chainLinks(checked.entries, checked.chain);
  const items = planRevocation(links, { online: false, offline, anchors: options.anchors });
  const revocation = judgeRevocation(items, [], options.at);
  return settleInput({ kind: "bundle", result: checked.result, revocation }, { strict: options.strict }).result;
}
