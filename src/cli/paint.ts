import type { ChalkInstance } from "chalk";
import type { Io } from "./io.js";

// chalk's colour-model methods take a colour first and return a painter: rgb(1, 2, 3)("text").
const MODELS = new Set(["rgb", "hex", "ansi256", "bgRgb", "bgHex", "bgAnsi256"]);

function stand(text: (args: unknown[]) => string): ChalkInstance {
  const self: ChalkInstance = new Proxy(() => undefined, {
    get: (_target, key) => {
      // Not a thenable: painters are returned from async functions, and `await` would call a `then`.
      if (key === "then") return undefined;
      if (key === "level") return 0;
      if (key === "visible") return hidden;
      return typeof key === "string" && MODELS.has(key) ? () => self : self;
    },
    // What chalk at level 0 returns: one argument as a string, several joined by spaces.
    apply: (_target, _this, args: unknown[]) => text(args),
  }) as unknown as ChalkInstance;
  return self;
}

/**
 * Text unchanged through any chain of styles (`plain.red.bold("x")`), like `new Chalk({ level: 0 })`.
 * Without colour there is no need to load chalk, whose colour detection loads tty, net and stream (a few ms
 * of every start). test/cli/paint.test.ts compares the two.
 */
const plain = stand((args) => (args.length === 1 ? String(args[0]) : args.join(" ")));
// chalk's `visible` prints nothing when colour is off.
const hidden = stand(() => "");

/** A chalk for the level colorLevel() decided: 0 is plain text and loads nothing. */
export async function painter(level: 0 | 1): Promise<ChalkInstance> {
  if (level === 0) return plain;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}

/** Colour only for a person at a terminal: never in pipes, CI logs, or when NO_COLOR is set. */
export function colorLevel(flags: { color?: boolean }, io: Io): 0 | 1 {
  if (flags.color === false || io.env.NO_COLOR || io.env.CI) return 0;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return 1;
  return io.stdoutIsTTY && io.env.TERM !== "dumb" ? 1 : 0;
}
