import type { ChalkInstance } from "chalk";

/**
 * Text unchanged through any chain of styles (`plain.red.bold("x")`). Without colour there is no need to
 * load chalk, whose colour detection loads tty, net and stream (a few ms of every start, issue 16).
 */
const plain: ChalkInstance = new Proxy(() => undefined, {
  // Not a thenable: painters are returned from async functions, and `await` would call a `then`.
  get: (_target, key) => (key === "then" ? undefined : plain),
  apply: (_target, _this, args: unknown[]) => args.join(" "),
}) as unknown as ChalkInstance;

/** A chalk for the level colorLevel() decided: 0 is plain text and loads nothing. */
export async function painter(level: 0 | 1): Promise<ChalkInstance> {
  if (level === 0) return plain;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}
