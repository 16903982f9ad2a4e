import { closestIds } from "../../../core/closest-ids.js";
import { renderExplainJson, renderExplainList, renderExplanation } from "../../../report/explain.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";

/** `explain [id]`: one finding's full text, or the list; an unknown id is a usage error with suggestions. */
export async function explainCommand(id: string | undefined, flags: { json?: boolean }, io: Io): Promise<number> {
  // The texts are a chunk of their own in the bundle (scripts/finding-severities-plugin.mjs): only explain loads them.
  const { FINDING_TEXTS } = await import("../../../core/findings/texts.js");
  if (id === undefined) {
    io.stdout(flags.json ? renderExplainJson(Object.entries(FINDING_TEXTS)) : renderExplainList(FINDING_TEXTS));
    return 0;
  }
  if (!Object.hasOwn(FINDING_TEXTS, id)) {
    const near = closestIds(id, Object.keys(FINDING_TEXTS));
    const hint = near.length ? ` Did you mean ${near.join(", ")}?` : "";
    throw new UsageError(`explain: "${id}" is not a finding id.${hint} \`connectpay-cert explain\` lists them all.`);
  }
  const d = FINDING_TEXTS[id as keyof typeof FINDING_TEXTS];
  io.stdout(flags.json ? renderExplainJson([[id, d]]) : renderExplanation(id, d));
  return 0;
}
