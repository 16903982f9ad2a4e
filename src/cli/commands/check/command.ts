import type { Command } from "commander";
import { DEFAULTS, RANGES } from "../../../core/defaults.js";
import { CONFIG_FILE_HELP, type CommandContext, collect, EXIT_CODES_HELP } from "../context.js";

const { days, timeoutMs } = RANGES;

const CHECK_HELP = `
Examples:
  $ connectpay-cert check chain.pem
  $ connectpay-cert check chain.pem --key client.key --at 2030-01-01
  $ connectpay-cert check renewed.pem --registered sent-to-connectpay.pem
  $ cat chain.pem | connectpay-cert check - --json
  $ connectpay-cert check certs/ --fail-days 14 --warn-days 45 --format github
  $ connectpay-cert check 'deploy/**/*.pem' --format sarif > connectpay-cert.sarif
  $ connectpay-cert check 'deploy/**/*.pem' --format prometheus > /var/lib/node_exporter/connectpay.prom.tmp; \\
      mv /var/lib/node_exporter/connectpay.prom.tmp /var/lib/node_exporter/connectpay.prom
  $ kubectl get secret -n payments connectpay-client -o yaml | connectpay-cert check -
${CONFIG_FILE_HELP}${EXIT_CODES_HELP("ConnectPay's rules accept every input (no errors; no warnings under --strict)", "at least one input would be rejected")}`;

export function registerCheck(program: Command, { io, setExit }: CommandContext): void {
  const check = program
    .command("check")
    .description("judge a PEM chain the way ConnectPay's gateway will, before you email it")
    .argument(
      "<inputs...>",
      "PEM files, Kubernetes Secrets (kubectl -o yaml|json), Java keystores (.jks, .jceks), directories (searched for .pem .crt .cer .der .p7b) or quoted globs; - reads stdin",
    )
    .option("--format <format>", "human (default), json, github, junit, prometheus or sarif")
    .option("--json", "short for --format json")
    .option("--at <date>", "evaluate validity at this ISO 8601 instant (default: now)")
    .option(
      "--warn-days <n>",
      `warn when a certificate expires within n days (${days.min} to ${days.max}), or within a share of its lifetime (20%)`,
      String(DEFAULTS.warnDays),
    )
    .option(
      "--fail-days <n>",
      `fail when a certificate expires within n days (${days.min} to ${days.max}), or a share of its lifetime (10%)`,
    )
    .option("--key <file>", "PEM private key that must belong to the leaf, plain or encrypted (never printed)")
    .option("--scope <scope>", "which expiry counts: chain (every certificate) or leaf", DEFAULTS.scope)
    .option(
      "--trust <pem>",
      "roots the server trusts: the chain must end at one of them (like ConnectPay's truststore)",
    )
    .option(
      "--registered <pem>",
      "the certificate ConnectPay has for your DevApp: the leaf must still match it (serial number and CN)",
    )
    .option("--purpose <purpose>", "what the leaf must be for: client (default), server or any");
  addOutputOptions(addKeystoreOptions(addOnlineOptions(check)))
    .addHelpText("after", CHECK_HELP)
    .action(async (bundles: string[], opts) => {
      const { checkCommand } = await import("./run.js");
      setExit(await checkCommand(bundles, opts, io));
    });
}

/** `--online` and the flags that only matter with it. */
function addOnlineOptions(check: Command): Command {
  return check
    .option("--online", "also ask the OCSP responder (or CRL) whether the leaf and intermediates are revoked")
    .option(
      "--timeout <ms>",
      `limit for each certificate's OCSP/CRL check with --online, redirects and fallbacks included, ${timeoutMs.min} to ${timeoutMs.max} (default ${DEFAULTS.timeoutMs})`,
    )
    .option(
      "--allow-private-urls",
      "with --online, also fetch OCSP/CRL URLs that lead to loopback, link-local or private addresses",
    )
    .option(
      "--crl-file <file>",
      "a CRL (DER or PEM, with the certificates of a separate CRL signer if any) to check revocation offline; repeatable",
      collect,
    );
}

function addKeystoreOptions(check: Command): Command {
  return check
    .option(
      "--password-env <var>",
      "password of a .jks/.jceks keystore input or passphrase of an encrypted --key, from this environment variable",
    )
    .option("--password-file <file>", "the same from this file (first line); else a hidden prompt at a terminal")
    .option("--alias <alias>", "which key entry of a keystore input to judge (the aliases are listed when needed)");
}

function addOutputOptions(check: Command): Command {
  return check
    .option("--strict", "warnings fail too (exit 1; an error in every format, ::error in --format github)")
    .option(
      "--config <file>",
      "per-finding switches in the config file (default: ./connectpay-cert.config.json if present)",
    )
    .option("--no-color", "no colour, even on a terminal");
}
