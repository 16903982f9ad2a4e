import type { Command } from "commander";
import { KEY_TYPES } from "../../../core/x509/key-types.js";
import { type CommandContext, collect, EXIT_CODES_HELP } from "../context.js";

export function registerCsr(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("csr")
    .description("start onboarding: a new private key and a certificate request (CSR) for a clientAuth certificate")
    .option("--cn <name>", "Common Name of the certificate (ConnectPay matches it, with the serial)")
    .option("--org <name>", "Organization (O)")
    .option("--country <cc>", "two-letter country code (C), e.g. LT")
    .option("--san <name>", "subject alternative name: DNS name, IP or e-mail (repeatable)", collect)
    .option("--key-type <type>", `${KEY_TYPES.join(", ")} (default ec-p256)`)
    .option("-o, --output <base>", "write <base>.key (mode 0600, never overwritten) and <base>.csr")
    .option(
      "--key <file>",
      "renew with the same key: make the request for this existing private key (writes <base>.csr only)",
    )
    .option("--password-env <var>", "passphrase of an encrypted --key, from this environment variable")
    .option("--password-file <file>", "the same from this file (first line); else a hidden prompt at a terminal")
    .addHelpText(
      "after",
      `
The private key is written once and never printed; send only the .csr to your CA. With --key the request
is made for a key you already have (many CAs renew with the same key); that key file is only read.

Examples:
  $ connectpay-cert csr --cn payments.acme.example --org "Acme Payments UAB" --country LT -o acme
  $ connectpay-cert csr --cn payments.acme.example --key-type rsa-3072 --san payments.acme.example -o acme
  $ connectpay-cert csr --cn payments.acme.example --key acme.key -o acme-2027    # same-key renewal
${EXIT_CODES_HELP("the key and the request were written", "(not used)")}`,
    )
    .action(async (opts) => {
      const { csrCommand } = await import("./run.js");
      setExit(await csrCommand(opts, io));
    });
}
