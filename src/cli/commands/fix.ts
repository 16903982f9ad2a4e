import type { Command } from "commander";
import { DEFAULTS, RANGES } from "../../core/defaults.js";
import { type CommandContext, EXIT_CODES_HELP } from "./context.js";

const { days } = RANGES;

export function registerFix(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("fix")
    .description("turn what your CA delivered (PEM, DER, .p7b, .p12) into the leaf → root PEM ConnectPay accepts")
    .argument("<input>", "certificate file in any format; - reads standard input")
    .option("-o, --output <file>", "write the fixed chain here (atomically; never over the input)")
    .option("--zip <file>", "write the package to email: the chain and a summary; prints the email body")
    .option("--ca-file <pem>", "certificates to complete the chain from (e.g. your CA's root)")
    .option("--no-system-roots", "do not complete the root from Node's bundled Mozilla store")
    .option("--fetch-missing", "download missing intermediates from the certificate's AIA CA Issuers URL")
    .option("--password-env <var>", "PKCS#12 password from this environment variable")
    .option("--password-file <file>", "PKCS#12 password from this file (first line)")
    .option("--company <name>", "Company Name for the email body")
    .option("--developer-name <name>", "Developer Name for the email body")
    .option("--developer-email <email>", "Developer Email for the email body")
    .option("--developer-phone <phone>", "Developer Phone (used by ConnectPay for OTP)")
    .option("--client-id <id>", "DevApp Client ID for the email body")
    .option("--env <env>", "stage or production, for the email subject", "stage")
    .option("--at <date>", "evaluate validity at this ISO 8601 instant (default: now)")
    .option(
      "--warn-days <n>",
      `warn when a certificate expires within n days (${days.min} to ${days.max}, default ${DEFAULTS.warnDays})`,
    )
    .option(
      "--fail-days <n>",
      `fail (and write nothing) when a certificate expires within n days (default with --zip: ${DEFAULTS.zipFailDays})`,
    )
    .option("--strict", "warnings fail too (exit 1, nothing written)")
    .option("--json", "print one JSON document on stdout (the PEM is in its pem field)")
    .option("--no-color", "no colour")
    .addHelpText(
      "after",
      `
The report of what changed goes to stderr; the fixed PEM goes to stdout unless -o or --zip is given.
A private key in the input is dropped and never written anywhere. --zip refuses a chain that expires
within --fail-days (default ${DEFAULTS.zipFailDays}); the email body states the leaf's expiry and days left.

Examples:
  $ connectpay-cert fix bundle.p7b -o chain.pem
  $ connectpay-cert fix export.p12 --password-env P12_PASSWORD -o chain.pem
  $ connectpay-cert fix chain.pem --fetch-missing --zip acme-connectpay.zip --company "Acme UAB" --client-id abc123
${EXIT_CODES_HELP("the output passes check and was written", "no acceptable chain can be made (the reasons are listed)")}`,
    )
    .action(async (input: string, opts) => {
      const { fixCommand } = await import("../run-fix.js");
      setExit(await fixCommand(input, opts, io));
    });
}
