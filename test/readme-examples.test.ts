import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeClientChain, makeServerIdentity } from "../src/lab/make-certs.js";
import { BIN, FIXTURES, ROOT } from "./helpers/cli.js";
import { type SServer, startSServer } from "./helpers/s-server.js";

// Every ```console block of README runs here, and its output must be what the block shows. In the shown
// output, "…" stands for any text within a line, and a line that is only "…" for any number of lines.

interface Example {
  command: string;
  expected: string[];
}

function consoleBlocks(readme: string): Example[][] {
  return [...readme.matchAll(/^```console\n([\s\S]*?)^```$/gm)].map((m) => {
    const examples: Example[] = [];
    for (const line of m[1].replace(/\n$/, "").split("\n")) {
      if (line.startsWith("$ ")) examples.push({ command: line.slice(2), expected: [] });
      else examples.at(-1)?.expected.push(line);
    }
    return examples;
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const lineRegex = (line: string) => new RegExp(`^${line.split("…").map(escapeRe).join(".*")}$`);

/** Whether `actual` lines are what `expected` shows, with "…" as above (a small backtracking match). */
function matches(expected: string[], actual: string[]): boolean {
  if (expected.length === 0) return actual.length === 0;
  const [first, ...rest] = expected;
  if (first.trim() === "…") return actual.some((_, i) => matches(rest, actual.slice(i))) || matches(rest, []);
  return actual.length > 0 && lineRegex(first).test(actual[0]) && matches(rest, actual.slice(1));
}

/** The command as argv and environment: `VAR=… ` prefixes set the environment, `npx ` is the installed bin. */
function parse(command: string): { argv: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  let rest = command;
  for (let m = /^([A-Z_]+)=(\S+) /.exec(rest); m; m = /^([A-Z_]+)=(\S+) /.exec(rest)) {
    env[m[1]] = m[2];
    rest = rest.slice(m[0].length);
  }
  rest = rest.replace(/^npx /, "");
  const argv = [...rest.matchAll(/"([^"]*)"|(\S+)/g)].map((x) => x[1] ?? x[2]);
  expect(argv[0]).toBe("connectpay-cert");
  return { argv: argv.slice(1), env };
}

const ms = (s: string) => s.replace(/\(\d+ ms\)/g, "(N ms)");

const blocks = consoleBlocks(readFileSync(`${ROOT}README.md`, "utf8"));
let server: SServer;
const files: Record<string, string> = {};

beforeAll(async () => {
  // What the examples name: the reversed demo chain for check, the demo chain as a CA's .p7b for fix, and
  // for probe a client chain the server does not trust, against openssl s_server standing in for the host.
  const dir = mkdtempSync(`${tmpdir()}/cpc-readme-`);
  const p7b = `${dir}/chain.p7b`;
  execFileSync("openssl", [
    "crl2pkcs7",
    "-nocrl",
    "-certfile",
    `${FIXTURES}good/chain.pem`,
    "-outform",
    "DER",
    "-out",
    p7b,
  ]);
  const client = await makeClientChain("Acme Payments");
  const trusted = await makeClientChain("Other Co");
  const id = await makeServerIdentity(["localhost", "127.0.0.1"]);
  const write = (name: string, text: string) => {
    writeFileSync(`${dir}/${name}`, text, { mode: 0o600 });
    return `${dir}/${name}`;
  };
  Object.assign(files, {
    p7b,
    client: write("client.pem", client.bundle),
    clientKey: write("client.key", client.leaf.keyPem),
    srvCa: write("srv-ca.pem", id.caPem),
  });
  const srv = ["-cert", write("srv.pem", id.certPem), "-key", write("srv.key", id.keyPem)];
  server = await startSServer([
    ...srv,
    "-Verify",
    "1",
    "-verify_return_error",
    "-CAfile",
    write("t.pem", trusted.root.pem),
  ]);
});
afterAll(() => server?.stop());

/** A fresh directory per block, holding the files its commands name. */
function setUp(block: Example[]): { cwd: string; host?: string } {
  const cwd = mkdtempSync(`${tmpdir()}/cpc-readme-block-`);
  const text = block.map((e) => e.command).join("\n");
  if (/ probe /.test(text)) {
    copyFileSync(files.client, `${cwd}/chain.pem`);
    copyFileSync(files.clientKey, `${cwd}/client.key`);
    copyFileSync(files.srvCa, `${cwd}/srv-ca.pem`);
    // The host the example probes is ConnectPay's; here it is s_server, named by the config file.
    const host = `127.0.0.1:${server.port}`;
    writeFileSync(`${cwd}/connectpay-cert.config.json`, JSON.stringify({ mtlsHost: host, ca: "srv-ca.pem" }));
    return { cwd, host };
  }
  if (/what-the-ca-sent\.p7b/.test(text)) copyFileSync(files.p7b, `${cwd}/what-the-ca-sent.p7b`);
  else copyFileSync(`${FIXTURES}chain/reversed.pem`, `${cwd}/chain.pem`);
  return { cwd };
}

describe("README's console examples print what README shows", () => {
  it("has examples to run", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
  });

  for (const [n, block] of blocks.entries()) {
    it(`block ${n + 1}: ${block.map((e) => e.command.split(" ").slice(0, 3).join(" ")).join("; ")}`, async () => {
      const { cwd, host } = setUp(block);
      for (const example of block) {
        const { argv, env } = parse(example.command);
        const secret = env.CONNECTPAY_CLIENT_SECRET ? { CONNECTPAY_CLIENT_SECRET: "readme-secret" } : {};
        const res = await execa("node", [BIN, ...argv], {
          cwd,
          reject: false,
          timeout: 60_000,
          env: { NO_COLOR: "1", CI: "", ...secret },
        });
        let out = res.stdout;
        if (host)
          out = out
            .replaceAll(`connected to ${host}`, "connected to 203.0.113.10:443")
            .replaceAll(host, "api-stage.connectpay.com:443");
        if (example.expected.length === 0) continue;
        const actual = ms(out).split("\n");
        const expected = example.expected.map(ms);
        expect(
          matches(expected, actual),
          `${example.command}\n--- shown\n${expected.join("\n")}\n--- printed\n${actual.join("\n")}`,
        ).toBe(true);
      }
    });
  }
});
