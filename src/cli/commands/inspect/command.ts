import type { Command } from "commander";
import { type CommandContext, EXIT_CODES_HELP } from "../context.js";

export function registerInspect(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("inspect")
    .description(
      "show every field of every certificate in a file (PEM, DER, .p7b, .p12, .jks, .jceks) or sent by a server",
    )
    .argument(
      "<file>",
      "certificate file, a Kubernetes Secret (kubectl -o yaml|json), - for standard input, or a server: host:port, https://host",
    )
    .option("--json", "print one JSON document on stdout")
    .option("--at <date>", "count days remaining from this ISO 8601 instant (default: now)")
    .option("--password-env <var>", "PKCS#12 or keystore password from this environment variable")
    .option("--password-file <file>", "PKCS#12 or keystore password from this file (first line)")
    .option("--alias <alias>", "which key entry of a .jks/.jceks keystore to read (the aliases are listed when needed)")
    .option("--ca <pem>", "with a server: judge its chain against these roots instead of the Mozilla store")
    .option("--timeout <ms>", "with a server: time for the connection and handshake (default 10000)")
    .option("--no-color", "no colour")
    .addHelpText(
      "after",
      `
Examples:
  $ connectpay-cert inspect chain.pem
  $ connectpay-cert inspect bundle.p7b --json
  $ connectpay-cert inspect client.csr               # what a certificate request asks for, and if it verifies
  $ connectpay-cert inspect api.example.com:443      # the chain a server sends, and the CAs it asks clients for
${EXIT_CODES_HELP("the certificates were shown", "the file holds no readable certificate")}`,
    )
    .action(async (file: string, opts) => {
      const { inspectCommand } = await import("./run.js");
      setExit(await inspectCommand(file, opts, io));
    });
}
