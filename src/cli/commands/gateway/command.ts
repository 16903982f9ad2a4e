import type { Command } from "commander";
import { DEFAULTS } from "../../../core/defaults.js";
import { type CommandContext, collect } from "../context.js";

export function registerGateway(program: Command, { io, setExit }: CommandContext): void {
  program
    .command("gateway")
    .description("run a local ConnectPay-like gateway (mTLS + Basic auth + OAuth) to rehearse against")
    .option(
      "--registered <bundle>",
      "a chain ConnectPay has registered: truststore + attached leaf (repeatable)",
      collect,
    )
    .option("--revoked <serial>", "treat this leaf serial number as revoked (repeatable)", collect)
    .option("--ocsp", "ask each client certificate's OCSP responder on every request, and refuse a revoked one (403)")
    .option("--client-key <id>", "the DevApp ClientKey it accepts (secret: CONNECTPAY_CLIENT_SECRET)")
    .option("--client-secret-file <file>", "read the ClientSecret from this file instead")
    .option("--server-cert <pem>", "server certificate (default: an ephemeral CA and certificate)")
    .option("--server-key <pem>", "server private key")
    .option("--ca-out <file>", "where to write the ephemeral server CA", DEFAULTS.gatewayCaOut)
    .option("--host <address>", "address to listen on", DEFAULTS.gatewayHost)
    .option("--port <port>", "mTLS port (0 = any free port)", String(DEFAULTS.gatewayPort))
    .option("--public-port <port>", "1-way TLS port", String(DEFAULTS.gatewayPublicPort))
    .addHelpText(
      "after",
      `
Like ConnectPay's gateway: the web server checks the client chain against the roots of the registered
bundles, the application checks serial + CN against the registered leaves and the revoked list, then
HTTP Basic auth. POST /auth/v1/oauth2/token issues Bearer tokens; GET /ob/accounts needs scope ob-as.
Each request (and each refused handshake) is logged on stderr: accepted, or refused and why. A --registered
bundle that check rejects is named in a warning at start: ConnectPay would not register it as it is.

Examples:
  $ CONNECTPAY_CLIENT_SECRET=s3cret connectpay-cert gateway --registered chain.pem --client-key demo
  $ connectpay-cert probe --cert chain.pem --key client.key --host 127.0.0.1:8443 --ca connectpay-gateway-ca.pem --client-key demo

Exit codes:
  0  stopped cleanly (SIGINT/SIGTERM)
  2  could not start as asked (no --registered, no secret, port in use)
`,
    )
    .action(async (opts) => {
      const { gatewayCommand } = await import("./run.js");
      setExit(await gatewayCommand(opts, io));
    });
}
