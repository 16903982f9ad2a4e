import { type BundleResult, type CheckOptions, checkBundle } from "../check-bundle.js";
import type { OfflineCrls } from "../revocation/plan.js";
import { settleInput } from "../verdict/judge-input.js";

/**
 * fix's verdict on the chain it made, judged as check judges it. When no chain was made (fix asks for
 * --leaf) there is nothing to judge: not ok, and only the repair's gap to report. With `--crl-file`
 * (`offline`), the chain's certificates are checked against the CRLs as check does, nothing fetched; the
 * revocation code (and its ASN.1 library) loads only then.
 */
export async function judgeRepair(
  pem: string,
  input: string,
  options: CheckOptions,
  offline?: OfflineCrls,
): Promise<BundleResult> {
  if (pem === "") return { input, ok: false, certificates: [], path: [], findings: [] };
  const checked = checkBundle(Buffer.from(pem), input, options);
  if (!offline) return checked.result;
  const { offlineRevocation } = await import("../revocation/offline.js");
  const revocation = offlineRevocation(checked, options.at, offline);
  return settleInput({ kind: "bundle", result: checked.result, revocation }, { strict: options.strict }).result;
}
