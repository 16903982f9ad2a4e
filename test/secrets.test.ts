import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayCommand } from "../src/cli/commands/gateway/run.js";
import { type Gateway, startGateway } from "../src/lab/gateway-server.js";
import { makeClientChain } from "../src/lab/make-certs.js";
import { FIXTURES, runCli } from "./helpers/cli.js";

// A sweep over every command and output format: the ClientSecret, PKCS#12 passwords and private-key
// material never appear in stdout, stderr, JSON, written files or zips, on success, errors and timeouts.
const SECRET = "S3cr3t-Marker-Value-7781";
const P12_PASSWORD = "fixture-password";
const dir = mkdtempSync(`${tmpdir()}/cpc-secrets-`);
const keyLines = (pem: string) => pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----"));
const secrets: string[] = [SECRET, Buffer.from(`app:${SECRET}`).toString("base64")];

function assertClean(text: string, where: string) {
  for (const s of secrets) expect(text.includes(s), `${where} leaks ${s.slice(0, 12)}…`).toBe(false);
}

let gw: Gateway;
let chain: Awaited<ReturnType<typeof makeClientChain>>;
const files: Record<string, string> = {};

beforeAll(async () => {
  chain = await makeClientChain("Secret Co");
  gw = await startGateway({ registered: [Buffer.from(chain.bundle)], clientKey: "app", clientSecret: SECRET });
  const write = (name: string, text: string) => {
    writeFileSync(`${dir}/${name}`, text, { mode: 0o600 });
    return `${dir}/${name}`;
  };
  files.cert = write("chain.pem", chain.bundle);
  files.key = write("client.key", chain.leaf.keyPem);
  files.ca = write("gw-ca.pem", gw.caPem ?? "");
  files.secret = write("secret.txt", `${SECRET}\n`);
  files.badConfig = write("bad.json", '{"clientSecret": "S3cr3t-Marker-Value-7781"}');
  for (const key of [chain.leaf.keyPem, readFileSync(`${FIXTURES}good/leaf.key`, "utf8")])
    secrets.push(...keyLines(key));
  secrets.push(P12_PASSWORD);
});
afterAll(() => gw.close());

const env = { CONNECTPAY_CLIENT_SECRET: SECRET, P12_PW: P12_PASSWORD };

describe("check, fix, inspect", () => {
  it.each(["human", "json", "github", "junit", "prometheus"])(
    "check --format %s with a key in the bundle and --key",
    async (format) => {
      const res = await runCli([
        "check",
        "fixtures/format/with-private-key.pem",
        "--key",
        "fixtures/good/leaf.key",
        "--format",
        format,
        "--at",
        "2030-01-01",
      ]);
      expect(res.code).toBe(1);
      assertClean(res.stdout + res.stderr, `check --format ${format}`);
    },
  );

  it("fix to stdout, to -o, to --zip and as --json", async () => {
    for (const extra of [[], ["-o", `${dir}/fixed.pem`], ["--zip", `${dir}/pkg.zip`], ["--json"]]) {
      const res = await runCli(["fix", "fixtures/format/with-private-key.pem", ...extra, "--at", "2030-01-01"]);
      expect(res.code).toBe(0);
      assertClean(res.stdout + res.stderr, `fix ${extra.join(" ")}`);
    }
    assertClean(readFileSync(`${dir}/fixed.pem`, "utf8"), "fixed.pem");
    const unzipped = await execa("unzip", ["-p", `${dir}/pkg.zip`]);
    assertClean(unzipped.stdout, "the zip");
  });

  it("fix and inspect of a PKCS#12, right and wrong password", async () => {
    for (const args of [
      [
        "fix",
        "fixtures/format/leaf-and-key.p12",
        "--password-env",
        "P12_PW",
        "--ca-file",
        "fixtures/good/root.pem",
        "--json",
      ],
      ["inspect", "fixtures/format/leaf-and-key.p12", "--password-env", "P12_PW", "--json"],
      ["inspect", "fixtures/format/leaf-and-key.p12", "--password-file", files.secret],
    ]) {
      const res = await runCli([...args, "--at", "2030-01-01"], { env });
      expect([0, 2]).toContain(res.code);
      assertClean(res.stdout + res.stderr, args.join(" "));
    }
  });
});

describe("probe and gateway", () => {
  const target = () => ["--host", `127.0.0.1:${gw.mtlsPort}`, "--ca", files.ca, "--client-key", "app"];

  it.each([
    ["success, human, verbose", ["--verbose"], env],
    ["success, JSON", ["--json"], env],
    ["secret from a file", ["--client-secret-file", files.secret, "--json"], {}],
    ["wrong secret (401)", ["--json"], { CONNECTPAY_CLIENT_SECRET: `${SECRET}-wrong` }],
    ["a bad config file naming the secret", ["--config", files.badConfig], env],
  ])("%s", async (_what, extra, environment) => {
    const res = await runCli(["probe", "--cert", files.cert, "--key", files.key, ...target(), ...(extra as string[])], {
      env: environment as Record<string, string>,
    });
    assertClean(res.stdout + res.stderr, "probe");
  });

  it("a timeout", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((done) => silent.listen(0, "127.0.0.1", done));
    const port = (silent.address() as { port: number }).port;
    const res = await runCli(
      [
        "probe",
        "--cert",
        files.cert,
        "--key",
        files.key,
        "--host",
        `127.0.0.1:${port}`,
        "--client-key",
        "app",
        "--timeout",
        "200",
        "--verbose",
      ],
      { env },
    );
    silent.close();
    expect(res.code).toBe(1);
    assertClean(res.stdout + res.stderr, "probe timeout");
  });

  it("the gateway command's output", async () => {
    let out = "";
    const io = {
      stdout: (t: string) => {
        out += t;
      },
      stderr: (t: string) => {
        out += t;
      },
      readStdin: async () => Buffer.alloc(0),
      env,
      cwd: dir,
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: false,
    };
    const code = await gatewayCommand(
      { registered: [files.cert], clientKey: "app", port: "0", publicPort: "0" },
      io,
      async () => {},
    );
    expect(code).toBe(0);
    assertClean(out, "gateway");
    assertClean(readFileSync(`${dir}/connectpay-gateway-ca.pem`, "utf8"), "the gateway CA file");
  });

  it("the demo (npm start)", async () => {
    const res = await runCli(["demo"]);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/PRIVATE KEY/);
  });
});

describe("inputs are never modified", () => {
  it("check, fix and inspect leave their input's bytes and mtime alone", async () => {
    const input = `${dir}/input.pem`;
    copyFileSync(`${FIXTURES}chain/reversed.pem`, input);
    const before = { bytes: readFileSync(input), mtime: statSync(input).mtimeMs };
    await runCli(["check", input, "--at", "2030-01-01"]);
    await runCli(["fix", input, "-o", `${dir}/out.pem`, "--at", "2030-01-01"]);
    await runCli(["inspect", input]);
    expect(readFileSync(input)).toEqual(before.bytes);
    expect(statSync(input).mtimeMs).toBe(before.mtime);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
