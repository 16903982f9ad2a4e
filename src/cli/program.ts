import { Command, CommanderError } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { EXIT, UsageError } from "./errors.js";
import type { Io } from "./io.js";

/** Builds a fresh commander program for one run; nothing is shared between runs. */
export function createProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("connectpay-cert")
    .description("Check, fix and probe the mTLS certificate chain you send to ConnectPay's API Gateway.")
    .version(pkg.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) });
  program
    .command("check")
    .description("judge a PEM chain the way ConnectPay's gateway will, before you email it")
    .argument("<bundle...>", "PEM file(s) to check; - reads standard input")
    .option("--json", "print one JSON document on stdout")
    .option("--at <date>", "evaluate validity at this ISO 8601 instant (default: now)")
    .option("--warn-days <n>", "warn when a certificate expires within n days", "30")
    .option("--fail-days <n>", "fail when a certificate expires within n days")
    .option("--key <file>", "PEM private key that must belong to the leaf (never printed)")
    .option("--scope <scope>", "which expiry counts: chain (every certificate) or leaf", "chain")
    .option("--strict", "warnings fail too (exit 1)")
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", CHECK_HELP)
    .action(async (bundles: string[], opts) => {
      const { checkCommand } = await import("./check.js");
      setExit(await checkCommand(bundles, opts, io));
    });
  return program;
}

const CHECK_HELP = `
Examples:
  $ connectpay-cert check chain.pem
  $ connectpay-cert check chain.pem --key client.key --at 2030-01-01
  $ cat chain.pem | connectpay-cert check - --json

Exit codes:
  0  ConnectPay's rules accept the chain (no error findings; no warnings under --strict)
  1  the chain would be rejected
  2  could not run as asked (bad flag, missing or unreadable file)
  3  internal error (please report it)
`;

/** Runs the CLI and returns the exit code; never throws for user mistakes. */
export async function run(argv: string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  if (argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (err) {
    return handleError(err, io);
  }
}

function handleError(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    const clean = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(err.code);
    return clean ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof UsageError) {
    io.stderr(`connectpay-cert: ${err.message}\n`);
    return EXIT.usage;
  }
  const stack = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr(`connectpay-cert: internal error. This is a bug; please report it with the lines below.\n${stack}\n`);
  return EXIT.internal;
}
