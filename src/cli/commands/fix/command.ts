import type { Command } from "commander";
import { DEFAULTS, RANGES } from "../../../core/defaults.js";
import { type CommandContext, collect, EXIT_CODES_HELP } from "../context.js";

const CRL_FILE_HELP =
  "a CRL (DER or PEM, with the certificates of a separate CRL signer if any): a revoked certificate in the fixed chain fails the run; repeatable";

const { days } = RANGES;

const FIX_HELP = `
The report of what changed goes to stderr; the fixed PEM goes to stdout unless -o or --zip is given.
A private key in the input is dropped and never written anywhere. --zip refuses a chain that expires
within --fail-days (default ${DEFAULTS.zipFailDays}); the email body states the leaf's expiry and days left.

Examples:
  $ connectpay-cert fix bundle.p7b -o chain.pem
  $ connectpay-cert fix export.p12 --password-env P12_PASSWORD -o chain.pem
  $ connectpay-cert fix chain.pem --key client.key --password-env P12_PASSWORD -o client.p12
  $ connectpay-cert fix chain.pem --fetch-missing --zip acme-connectpay.zip --company "Acme UAB" --client-id abc123
  $ connectpay-cert fix renewed.pem --zip renewal.zip --registered sent-last-year.pem
${EXIT_CODES_HELP("the output passes check and was written", "no acceptable chain can be made (the reasons are listed)")}`;

export function registerFix(program: Command, { io, setExit }: CommandContext): void {
  const fix = program
    .command("fix")
    .description("turn what your CA delivered (PEM, DER, .p7b, .p12, .jks) into the leaf → root PEM ConnectPay accepts")
    .argument(
      "<input>",
      "certificate file in any format, or a Kubernetes Secret (kubectl -o yaml|json); - reads standard input",
    )
    .option(
      "-o, --output <file>",
      "write the fixed chain here (atomically; never over an input): .pem/.crt PEM, .der/.cer DER, .p7b, .p12/.pfx",
    )
    .option("--zip <file>", "write the package to email: the chain and a summary; prints the email body")
    .option("--ca-file <pem>", "certificates to complete the chain from (e.g. your CA's root)")
    .option("--no-system-roots", "do not complete the root from Node's bundled Mozilla store")
    .option("--fetch-missing", "download missing intermediates from the certificate's AIA CA Issuers URL")
    .option("--purpose <purpose>", "what the leaf must be for: client (default), server or any")
    .option("--leaf <serial|CN|#n>", "which end-entity certificate to keep when the input holds several")
    .option(
      "--allow-private-urls",
      "with --fetch-missing, also fetch AIA URLs that lead to loopback, link-local or private addresses",
    )
    .option("--password-env <var>", "PKCS#12, keystore or --key password (and a .p12 output's) from this variable")
    .option("--password-file <file>", "the same from this file (first line)");
  addEmailOptions(fix.option("--crl-file <file>", CRL_FILE_HELP, collect))
    .option("--at <date>", "evaluate validity at this ISO 8601 instant (default: now)")
    .option(
      "--warn-days <n>",
      `warn when a certificate expires within n days (${days.min} to ${days.max}, default ${DEFAULTS.warnDays}) or a share of its lifetime (20%)`,
    )
    .option(
      "--fail-days <n>",
      `fail (and write nothing) when a certificate expires within n days or a share of its lifetime (10%) (default with --zip: ${DEFAULTS.zipFailDays})`,
    )
    .option("--strict", "warnings fail too (exit 1, nothing written)")
    .option("--json", "print one JSON document on stdout (the PEM is in its pem field)")
    .option("--no-color", "no colour")
    .addHelpText("after", FIX_HELP)
    .action(async (input: string, opts) => {
      const { fixCommand } = await import("./run.js");
      setExit(await fixCommand(input, opts, io));
    });
}

/** Which keystore entry, then what the `--zip` email body says about the sender and the DevApp. */
function addEmailOptions(fix: Command): Command {
  return fix
    .option("--key <file>", "the leaf's private key: must match it, and goes into a .p12 output (never printed)")
    .option("--alias <alias>", "which key entry of a .jks/.jceks keystore to read (the aliases are listed when needed)")
    .option("--company <name>", "Company Name for the email body")
    .option("--developer-name <name>", "Developer Name for the email body")
    .option("--developer-email <email>", "Developer Email for the email body")
    .option("--developer-phone <phone>", "Developer Phone (used by ConnectPay for OTP)")
    .option("--client-id <id>", "DevApp Client ID for the email body")
    .option("--registered <pem>", "with --zip: the certificate this one renews; the email says it replaces it")
    .option("--env <env>", "stage or production, for the email subject", "stage");
}
