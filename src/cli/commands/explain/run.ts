import { closestIds } from "../../../core/closest-ids.js";
import { FINDINGS } from "../../../core/findings/registry.js";
import { renderExplainJson, renderExplainList, renderExplanation } from "../../../report/explain.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";

/** `explain [id]`: one finding's full text, or the list; an unknown id is a usage error with suggestions. */
export async function explainCommand(id: string | undefined, flags: { json?: boolean }, io: Io): Promise<number> {
  if (id === undefined) {
    io.stdout(flags.json ? renderExplainJson(Object.entries(FINDINGS)) : renderExplainList(FINDINGS));
    return 0;
  }
  if (!Object.hasOwn(FINDINGS, id)) {
    const near = closestIds(id, Object.keys(FINDINGS));
    const hint = near.length ? ` Did you mean ${near.join(", ")}?` : "";
    throw new UsageError(`explain: "${id}" is not a finding id.${hint} \`connectpay-cert explain\` lists them all.`);
  }
  const d = FINDINGS[id as keyof typeof FINDINGS];
  io.stdout(flags.json ? renderExplainJson([[id, d]]) : renderExplanation(id, d));
  return 0;
}
