import type { Command } from "commander";
import { DEFAULTS, RANGES } from "../../../core/defaults.js";
import { CONFIG_FILE_HELP, type CommandContext, collect } from "../context.js";

const PRIVATE_URLS_HELP =
  "let the revocation step fetch OCSP/CRL URLs that lead to loopback, link-local or private addresses";
const CRL_FILE_HELP =
  "a CRL (DER or PEM, with the certificates of a separate CRL signer if any) the revocation step uses before asking the network; repeatable";

const PROBE_HELP = `
Configuration, lowest priority first: built-in --env hosts, the config file, CONNECTPAY_MTLS_HOST /
CONNECTPAY_PUBLIC_HOST / CONNECTPAY_CLIENT_KEY, flags. The ClientSecret comes only from
CONNECTPAY_CLIENT_SECRET, --client-secret-file or a hidden prompt: a flag would show in the process list.

Credentials count as confirmed only from RFC 6749 §5.2 evidence, else auth.unconfirmed (connectpay-cert explain auth.unconfirmed).
Marks: ✔ passed, ✖ failed, ! incomplete evidence, – checked nothing or did not run.

Examples:
  $ CONNECTPAY_CLIENT_SECRET=… npx connectpay-cert probe --cert chain.pem --key client.key --client-key my-app
  $ connectpay-cert probe --cert chain.pem --key client.key --env production --client-key my-app --json
  $ connectpay-cert probe --cert bundle.p12 --password-env P12_PASSWORD --client-key my-app
  $ connectpay-cert probe --cert chain.pem --key client.key --host 127.0.0.1:8443 --ca connectpay-gateway-ca.pem --client-key demo
${CONFIG_FILE_HELP}
Exit codes:
  0  every step passed
  1  a step failed (the findings say which and why)
  2  could not run as asked (missing --cert/--key, unreadable key, wrong .p12 password, no secret, bad config)
  3  internal error (please report it)
`;

export function registerProbe(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("probe")
    .description("run the real mTLS handshake and Basic-auth call against ConnectPay and say why it fails")
    .option("--cert <bundle>", "your PEM chain (leaf → intermediate → root), or a .p12 holding chain and key")
    .option("--key <key>", "the leaf's PEM private key (used for the handshake only; never sent or printed)")
    .option("--password-env <var>", "password of a .p12 --cert or of an encrypted --key, from this variable")
    .option("--password-file <file>", "the same from this file (first line); else a hidden prompt")
    .option("--env <env>", "stage or production (built-in hosts)")
    .option("--host <host[:port]>", "mTLS host (default: the environment's)")
    .option(
      "--public-host <host[:port]>",
      "also probe this 1-way TLS host, and that the mTLS host refuses requests without a certificate",
    )
    .option("--ca <pem>", "trust for the server's certificate (default: Node's Mozilla store)")
    .option("--client-key <id>", "DevApp ClientKey (or CONNECTPAY_CLIENT_KEY)")
    .option("--client-secret-file <file>", "read the ClientSecret from this file (or CONNECTPAY_CLIENT_SECRET)")
    .option("--path <path>", "call this path instead of POST /auth/v1/oauth2/token (method defaults to GET)")
    .option("--method <method>", "GET or POST")
    .option(
      "--timeout <ms>",
      `limit for each step in milliseconds (redirects and fallbacks included), ${RANGES.timeoutMs.min} to ${RANGES.timeoutMs.max} (default ${DEFAULTS.timeoutMs})`,
    )
    .option("--allow-private-urls", PRIVATE_URLS_HELP)
    .option("--crl-file <file>", CRL_FILE_HELP, collect)
    .option("--tls <version>", "force TLS 1.2 or 1.3")
    .option(
      "--connect-anyway",
      "run the handshake and call even when the offline check finds errors, to see what the server itself says",
    )
    .option("--config <file>", "config file (default: ./connectpay-cert.config.json if present)")
    .option("--at <date>", "instant for the offline check (default: now)")
    .option("--json", "print one JSON document on stdout")
    .option("--verbose", "show the HTTP exchange on stderr (Authorization: Basic ****)")
    .option("--no-color", "no colour")
    .addHelpText("after", PROBE_HELP)
    .action(async (opts) => {
      const { probeCommand } = await import("./run.js");
      setExit(await probeCommand(opts, io));
    });
}
