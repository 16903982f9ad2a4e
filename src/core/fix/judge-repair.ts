import { type BundleResult, type CheckOptions, checkBundle } from "../check-bundle.js";

/**
 * fix's verdict on the chain it made, judged as check judges it. When no chain was made (fix asks for
 * --leaf) there is nothing to judge: not ok, and only the repair's gap to report.
 */
export function judgeRepair(pem: string, input: string, options: CheckOptions): BundleResult {
  if (pem === "") return { input, ok: false, certificates: [], path: [], findings: [] };
  return checkBundle(Buffer.from(pem), input, options).result;
}
