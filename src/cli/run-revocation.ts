import type { ChainAnalysis } from "../core/chain/chain.js";
import type { BundleEntry } from "../core/input/read-bundle.js";
import { judgeRevocation, type RevocationResult } from "../core/revocation/judge.js";
import { chainLinks, type OfflineCrls, planRevocation } from "../core/revocation/plan.js";
import type { Certificate } from "../core/x509/certificate.js";
import { askRevocation, type RevocationFetchOptions } from "../net/revocation-fetch.js";

export interface RevocationSources {
  /** `--crl-file`: judged first, offline */
  offline?: OfflineCrls;
  /** `--trust` roots */
  anchors?: Certificate[];
}

/**
 * check (--online, --crl-file), fix (--crl-file) and probe: plan in core, ask the network only when
 * `fetch` is given, judge the answers in core.
 */
export async function pathRevocation(
  parsed: { entries: BundleEntry[]; chain: ChainAnalysis },
  at: Date,
  fetch: RevocationFetchOptions | undefined,
  sources: RevocationSources = {},
): Promise<RevocationResult> {
  const items = planRevocation(chainLinks(parsed.entries, parsed.chain), { online: Boolean(fetch), ...sources });
  const questions = items.map((item) => item.question);
  const answers = fetch && questions.some(Boolean) ? await askRevocation(questions, fetch) : [];
  return judgeRevocation(items, answers, at);
}
