import { displayText } from "../core/display-text.js";
import { renderErrorJson } from "../report/json.js";
import { EXIT, UsageError, WriteError } from "./errors.js";
import type { Io } from "./io.js";

/** Settles a failure: with --json it also prints the JSON error document, when nothing was printed yet. */
export type Fail = (code: number, message: string) => number;

/**
 * How a parser's own errors end (commander's, for the full CLI): an exit code, or undefined for an error
 * that is not the parser's. Kept apart so that the lean `check` path needs no commander.
 */
export type ParserErrors = (err: unknown, fail: Fail) => number | undefined;

/** `--json` or `--format json` anywhere: a failure before the report is then a JSON document too. */
const wantsJson = (argv: readonly string[]) =>
  argv.some((a, i) => a === "--json" || a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));

/**
 * Runs one command line and returns its exit code; never throws for user mistakes. Both entries, the
 * commander program (program.ts) and the lean `check` path (lean-check.ts), go through here, so a
 * UsageError, a bug or a --json run that stops early ends the same way whichever parsed the line.
 */
export async function guardedRun(
  argv: readonly string[],
  rawIo: Io,
  body: (io: Io) => Promise<number>,
  parserErrors?: ParserErrors,
): Promise<number> {
  let wrote = false;
  const stdout = (text: string) => {
    wrote = true;
    rawIo.stdout(text);
  };
  // A Proxy rather than a copy: processIo's TTY and width are getters, asked when needed.
  const io: Io = new Proxy(rawIo, { get: (target, key) => (key === "stdout" ? stdout : Reflect.get(target, key)) });
  // With --json, `| jq` must never read empty input: a run that stops before its report prints what stopped it.
  const fail: Fail = (code, message) => {
    if (code !== EXIT.ok && !wrote && wantsJson(argv)) rawIo.stdout(renderErrorJson(code, message));
    return code;
  };
  try {
    return await body(io);
  } catch (err) {
    return parserErrors?.(err, fail) ?? handleError(err, io, fail);
  }
}

/**
 * A failure before any command could run (the full CLI would not load): one line on stderr and, with
 * --json, the JSON error document on stdout, as guardedRun's own failures end.
 */
export function failBeforeRun(argv: readonly string[], io: Io, code: number, message: string): number {
  io.stderr(`connectpay-cert: ${displayText(message)}\n`);
  if (wantsJson(argv)) io.stdout(renderErrorJson(code, message));
  return code;
}

function handleError(err: unknown, io: Io, fail: Fail): number {
  if (err instanceof UsageError || err instanceof WriteError) {
    io.stderr(`connectpay-cert: ${displayText(err.message)}\n`);
    return fail(EXIT.usage, err.message);
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr(
    `connectpay-cert: internal error. This is a bug; please report it with the lines below.\n${displayText(stack, "\n")}\n`,
  );
  return fail(EXIT.internal, `internal error (a bug): ${err instanceof Error ? err.message : String(err)}`);
}
