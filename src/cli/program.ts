import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { displayText } from "../core/display-text.js";
import { renderErrorJson } from "../report/json.js";
import { registerCheck } from "./commands/check/command.js";
import { registerCsr } from "./commands/csr/command.js";
import { registerDemo } from "./commands/demo/command.js";
import { registerExplain } from "./commands/explain/command.js";
import { registerFix } from "./commands/fix/command.js";
import { registerGateway } from "./commands/gateway/command.js";
import { registerInspect } from "./commands/inspect/command.js";
import { registerProbe } from "./commands/probe/command.js";
import { EXIT, UsageError } from "./errors.js";
import type { Io } from "./io.js";

/** Builds a fresh commander program for one run; nothing is shared between runs. */
// In help order: the journey (csr → check/fix/inspect → probe), then the rehearsal kit and explain.
const COMMANDS = {
  check: registerCheck,
  fix: registerFix,
  inspect: registerInspect,
  csr: registerCsr,
  probe: registerProbe,
  gateway: registerGateway,
  demo: registerDemo,
  explain: registerExplain,
};

export function createProgram(io: Io, setExit: (code: number) => void, argv: readonly string[] = []): Command {
  const program = new Command("connectpay-cert")
    .description("Check, fix and probe the mTLS certificate chain you send to ConnectPay's API Gateway.")
    .version(pkg.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    // commander's errors quote the argument they refuse, which may be a hostile file name; its layout is newlines.
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(displayText(s, "\n")) });
  const ctx = { io, setExit };
  // Only the command asked for: building all of them costs every start-up. No command, --help,
  // help or a typo (which needs suggestions) gets them all.
  const only = COMMANDS[argv[0] as keyof typeof COMMANDS];
  for (const register of only ? [only] : Object.values(COMMANDS)) register(program, ctx);
  return program;
}

/** `--json` or `--format json` anywhere: a failure before the report is then a JSON document too. */
const wantsJson = (argv: string[]) =>
  argv.some((a, i) => a === "--json" || a === "--format=json" || (a === "--format" && argv[i + 1] === "json"));

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function run(argv: string[], rawIo: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  let wrote = false;
  const stdout = (text: string) => {
    wrote = true;
    rawIo.stdout(text);
  };
  // A Proxy rather than a copy: processIo's TTY and width are getters, asked when needed.
  const io: Io = new Proxy(rawIo, { get: (target, key) => (key === "stdout" ? stdout : Reflect.get(target, key)) });
  // With --json, `| jq` must never read empty input: a run that stops before its report prints what stopped it.
  const fail = (code: number, message: string) => {
    if (code !== EXIT.ok && !wrote && wantsJson(argv)) rawIo.stdout(renderErrorJson(code, message));
    return code;
  };
  try {
    const program = createProgram(io, (code) => (exitCode = code), argv);
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      return EXIT.usage;
    }
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    return handleError(err, io, fail);
  }
}

function handleError(err: unknown, io: Io, fail: (code: number, message: string) => number): number {
  if (err instanceof CommanderError) {
    const clean = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(err.code);
    return clean ? EXIT.ok : fail(EXIT.usage, err.message.replace(/^error: /, ""));
  }
  if (err instanceof UsageError) {
    io.stderr(`connectpay-cert: ${displayText(err.message)}\n`);
    return fail(EXIT.usage, err.message);
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr(
    `connectpay-cert: internal error. This is a bug; please report it with the lines below.\n${displayText(stack, "\n")}\n`,
  );
  return fail(EXIT.internal, `internal error (a bug): ${err instanceof Error ? err.message : String(err)}`);
}
