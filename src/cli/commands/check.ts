import type { Command } from "commander";
import { DEFAULTS, RANGES } from "../../core/defaults.js";
import { type CommandContext, EXIT_CODES_HELP } from "./context.js";

const { days, timeoutMs } = RANGES;

const CHECK_HELP = `
Examples:
  $ connectpay-cert check chain.pem
  $ connectpay-cert check chain.pem --key client.key --at 2030-01-01
  $ cat chain.pem | connectpay-cert check - --json
  $ connectpay-cert check certs/ --fail-days 14 --warn-days 45 --format github
  $ connectpay-cert check 'deploy/**/*.pem' --scope leaf --format prometheus > /var/lib/node_exporter/connectpay.prom.tmp \\
      && mv /var/lib/node_exporter/connectpay.prom.tmp /var/lib/node_exporter/connectpay.prom
${EXIT_CODES_HELP("ConnectPay's rules accept every input (no errors; no warnings under --strict)", "at least one input would be rejected")}`;

export function registerCheck(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("check")
    .description("judge a PEM chain the way ConnectPay's gateway will, before you email it")
    .argument(
      "<inputs...>",
      "PEM files, directories (searched for .pem .crt .cer .der .p7b) or quoted globs; - reads stdin",
    )
    .option("--format <format>", "human (default), json, github, junit or prometheus")
    .option("--json", "short for --format json")
    .option("--at <date>", "evaluate validity at this ISO 8601 instant (default: now)")
    .option(
      "--warn-days <n>",
      `warn when a certificate expires within n days (${days.min} to ${days.max})`,
      String(DEFAULTS.warnDays),
    )
    .option("--fail-days <n>", `fail when a certificate expires within n days (${days.min} to ${days.max})`)
    .option("--key <file>", "PEM private key that must belong to the leaf (never printed)")
    .option("--scope <scope>", "which expiry counts: chain (every certificate) or leaf", "chain")
    .option(
      "--trust <pem>",
      "roots the server trusts: the chain must end at one of them (like ConnectPay's truststore)",
    )
    .option("--purpose <purpose>", "what the leaf must be for: client (default), server or any")
    .option("--online", "also ask the OCSP responder (or CRL) whether the leaf and intermediates are revoked")
    .option(
      "--timeout <ms>",
      `limit for each OCSP/CRL request with --online, ${timeoutMs.min} to ${timeoutMs.max} (default ${DEFAULTS.timeoutMs})`,
    )
    .option("--strict", "warnings fail too (exit 1; ::error in --format github)")
    .option(
      "--config <file>",
      "per-finding switches in the config file (default: ./connectpay-cert.config.json if present)",
    )
    .option("--no-color", "no colour, even on a terminal")
    .addHelpText("after", CHECK_HELP)
    .action(async (bundles: string[], opts) => {
      const { checkCommand } = await import("../run-check.js");
      setExit(await checkCommand(bundles, opts, io));
    });
}
