import { readFileSync } from "node:fs";
import { analyzeChain } from "../../../src/core/chain/chain.js";
import type { Finding } from "../../../src/core/findings/finding.js";
import { readBundle } from "../../../src/core/input/read-bundle.js";
import type { Rule, RuleContext } from "../../../src/core/rules/rule.js";
import { CertCache } from "../../../src/core/x509/cert-cache.js";
import { FIXTURES } from "../../helpers/cli.js";

/** One rule over one fixture (a path under fixtures/), as `check` runs it: `--at 2030-01-01`, purpose client. */
export function runRule(rule: Rule, fixture: string, options: Partial<RuleContext> = {}): Finding[] {
  const cache = new CertCache();
  const { entries } = readBundle(readFileSync(`${FIXTURES}${fixture}`), fixture, cache);
  const chain = analyzeChain(entries, cache);
  const ctx: RuleContext = {
    entries,
    chain,
    cache,
    at: new Date("2030-01-01T00:00:00Z"),
    warnDays: 30,
    scope: "chain",
    purpose: "client",
    ...options,
  };
  return rule.check(ctx);
}
