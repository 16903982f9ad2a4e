import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { displayText } from "../core/display-text.js";
import { registerCheck } from "./commands/check/command.js";
import { registerCsr } from "./commands/csr/command.js";
import { registerDemo } from "./commands/demo/command.js";
import { registerExplain } from "./commands/explain/command.js";
import { registerFix } from "./commands/fix/command.js";
import { registerGateway } from "./commands/gateway/command.js";
import { registerInspect } from "./commands/inspect/command.js";
import { registerProbe } from "./commands/probe/command.js";
import { EXIT } from "./errors.js";
import type { Io } from "./io.js";
import { type Fail, guardedRun } from "./run-guard.js";

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

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function run(argv: string[], rawIo: Io): Promise<number> {
  return guardedRun(
    argv,
    rawIo,
    async (io) => {
      let exitCode: number = EXIT.ok;
      const program = createProgram(io, (code) => (exitCode = code), argv);
      if (argv.length === 0) {
        io.stderr(program.helpInformation());
        return EXIT.usage;
      }
      await program.parseAsync(argv, { from: "user" });
      return exitCode;
    },
    commanderErrors,
  );
}

/** commander's help and version end cleanly; its usage errors exit 2 (STYLE.md), it has printed them already. */
function commanderErrors(err: unknown, fail: Fail): number | undefined {
  if (!(err instanceof CommanderError)) return undefined;
  const clean = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(err.code);
  return clean ? EXIT.ok : fail(EXIT.usage, err.message.replace(/^error: /, ""));
}
