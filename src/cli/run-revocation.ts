import type { ChainAnalysis } from "../core/chain/chain.js";
import type { BundleEntry } from "../core/input/read-bundle.js";
import { judgeRevocation, type RevocationResult } from "../core/revocation/judge.js";
import { chainLinks, planRevocation } from "../core/revocation/plan.js";
import { askRevocation, type RevocationFetchOptions } from "../net/revocation-fetch.js";

/** check --online and probe: plan in core, ask the network, judge the answers in core. */
export async function pathRevocation(
  parsed: { entries: BundleEntry[]; chain: ChainAnalysis },
  at: Date,
  fetch: RevocationFetchOptions,
): Promise<RevocationResult> {
  const items = planRevocation(chainLinks(parsed.entries, parsed.chain));
  const answers = await askRevocation(
    items.map((item) => item.question),
    fetch,
  );
  return judgeRevocation(items, answers, at);
}
