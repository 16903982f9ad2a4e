import type { Command } from "commander";
import type { CommandContext } from "../context.js";

export function registerExplain(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("explain")
    .description("what a finding id means, why ConnectPay cares, how to fix it; no id lists them all")
    .argument("[id]", "a finding id, as printed at the end of each finding line (e.g. chain.reversed)")
    .option("--json", "print the texts as one JSON document (with each finding's docs link)")
    .addHelpText(
      "after",
      `
Examples:
  $ connectpay-cert explain chain.reversed
  $ connectpay-cert explain
  $ connectpay-cert explain --json

Exit codes:
  0  the text was printed
  2  not a finding id (the closest ids are suggested)
`,
    )
    .action(async (id: string | undefined, flags: { json?: boolean }) => {
      const { explainCommand } = await import("./run.js");
      setExit(await explainCommand(id, flags, io));
    });
}
