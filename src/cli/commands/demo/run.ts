import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGateway } from "../../../lab/gateway-server.js";
import { issue, makeClientChain } from "../../../lab/make-certs.js";
import { startOcspResponder } from "../../../lab/ocsp-responder.js";
import type { Io } from "../../io.js";
import { checkCommand } from "../check/run.js";
import { probeCommand } from "../probe/run.js";

type Say = (text: string) => void;

/** The whole journey on this machine: a throwaway chain, the local gateway, check, probe, one failure. */
export async function demoCommand(flags: { color?: boolean }, io: Io): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "connectpay-cert-demo-"));
  const secret = randomBytes(18).toString("base64url");
  const say: Say = (text) => io.stdout(`\n${text}\n${"─".repeat(Math.min(text.length, 78))}\n`);
  try {
    say("1. A throwaway CA issues a client chain (root → intermediate → leaf with clientAuth and an OCSP URL)");
    const lab = await startLab(dir, secret);
    io.stdout(
      `Local gateway: mTLS ${lab.gw.mtlsUrl}, 1-way ${lab.gw.publicUrl}; the CA's OCSP responder: ${lab.responder.url}\n`,
    );
    try {
      const env = { ...io.env, CONNECTPAY_CLIENT_SECRET: secret, CONNECTPAY_CLIENT_KEY: "demo-client" };
      const ok = await runJourney(lab, flags, { ...io, env, cwd: dir }, say);
      io.stdout(
        `\nDemo finished: the registered chain ${ok === 0 ? "passed every step" : "FAILED"}; the unknown chain was refused as ConnectPay would.\n`,
      );
      return ok === 0 ? 0 : 1;
    } finally {
      await lab.gw.close();
      await lab.responder.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Lab = Awaited<ReturnType<typeof startLab>>;

/** The registered chain with its OCSP responder, a stranger's chain, and the gateway that knows the first. */
async function startLab(dir: string, secret: string) {
  const root = await issue({ subject: "CN=Demo Payments Root CA, O=Demo Payments", ca: true });
  const intermediate = await issue({ subject: "CN=Demo Payments Issuing CA, O=Demo Payments", ca: true, issuer: root });
  const responder = await startOcspResponder(intermediate);
  const leaf = await issue({
    subject: "CN=Demo Payments client, O=Demo Payments",
    issuer: intermediate,
    clientAuth: true,
    aia: { ocsp: responder.url },
  });
  const bundle = leaf.pem + intermediate.pem + root.pem;
  const stranger = await makeClientChain("Unknown Issuer");
  const files = {
    good: write(dir, "chain.pem", bundle),
    goodKey: write(dir, "client.key", leaf.keyPem),
    stranger: write(dir, "stranger-chain.pem", stranger.bundle),
    strangerKey: write(dir, "stranger.key", stranger.leaf.keyPem),
  };
  const gw = await startGateway({ registered: [Buffer.from(bundle)], clientKey: "demo-client", clientSecret: secret });
  return { gw, responder, files, ca: write(dir, "gateway-ca.pem", gw.caPem ?? "") };
}

/** Steps 2 to 4; returns probe's exit code for the registered chain. */
async function runJourney(lab: Lab, flags: { color?: boolean }, sub: Io, say: Say): Promise<number> {
  const { gw, files } = lab;
  say("2. check --online: is the chain what ConnectPay accepts, and not revoked?");
  await checkCommand(["chain.pem"], { color: flags.color, online: true, allowPrivateUrls: true }, sub);
  const target = { host: `127.0.0.1:${gw.mtlsPort}`, ca: lab.ca, color: flags.color, allowPrivateUrls: true };
  say("3. probe: the real mTLS handshake and Basic-auth call against the gateway");
  const publicHost = `127.0.0.1:${gw.publicPort}`;
  const ok = await probeCommand({ ...target, cert: files.good, key: files.goodKey, publicHost }, sub);
  say("4. A realistic failure: a chain the gateway's truststore does not know");
  await probeCommand({ ...target, cert: files.stranger, key: files.strangerKey }, sub);
  return ok;
}

function write(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}
