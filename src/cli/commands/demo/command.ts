import type { Command } from "commander";
import type { CommandContext } from "../context.js";

export function registerDemo(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("demo")
    .description("the whole journey offline: throwaway chain, local gateway, check, probe, one failure")
    .option("--no-color", "no colour")
    .addHelpText(
      "after",
      `
Nothing leaves this machine: the CA, the chain and the gateway are made for the run and removed after it.

Example:
  $ npx connectpay-cert demo

Exit codes:
  0  the journey ran and the registered chain passed every step
  1  the registered chain failed a step (a bug in this machine's setup or in the tool)
`,
    )
    .action(async (opts) => {
      const { demoCommand } = await import("./run.js");
      setExit(await demoCommand(opts, io));
    });
}
