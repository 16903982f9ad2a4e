import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/core/probe/config.js";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(`${tmpdir()}/cpc-config-`);
const write = (name: string, text: string) => {
  writeFileSync(`${dir}/${name}`, text);
  return `${dir}/${name}`;
};
const base = [
  "probe",
  "--json",
  "--cert",
  "fixtures/good/chain.pem",
  "--key",
  "fixtures/good/leaf.key",
  "--at",
  "2030-01-01",
];
const SECRET = { CONNECTPAY_CLIENT_SECRET: "cfg-secret-value" };

describe("probe configuration precedence: built-in < file < environment < flags", () => {
  it("uses the built-in hosts of --env", () => {
    expect(resolveConfig([]).mtls).toEqual({ host: "api-stage.connectpay.com", port: 443 });
    const prod = resolveConfig([{ source: "flags", layer: { env: "production" } }]);
    expect(prod.mtls).toEqual({ host: "api.connectpay.com", port: 443 });
  });

  it("lets each layer override the one below", async () => {
    // Port 1 on loopback refuses at once, so no test here leaves this machine.
    const file = write("c1.json", JSON.stringify({ mtlsHost: "127.0.0.1:1", clientKey: "from-file" }));
    const fromFile = await runCli([...base, "--config", file], { env: SECRET });
    expect(JSON.parse(fromFile.stdout).target).toMatchObject({ mtlsHost: "127.0.0.1:1", clientKey: "from-file" });
    const env = { ...SECRET, CONNECTPAY_MTLS_HOST: "127.0.0.2:1", CONNECTPAY_CLIENT_KEY: "from-env" };
    const fromEnv = await runCli([...base, "--config", file], { env });
    expect(JSON.parse(fromEnv.stdout).target).toMatchObject({ mtlsHost: "127.0.0.2:1", clientKey: "from-env" });
    const fromFlags = await runCli([...base, "--config", file, "--host", "127.0.0.3:1", "--client-key", "from-flag"], {
      env,
    });
    expect(JSON.parse(fromFlags.stdout).target).toMatchObject({ mtlsHost: "127.0.0.3:1", clientKey: "from-flag" });
    const errors = JSON.parse(fromFlags.stdout).findings.filter((f: { severity: string }) => f.severity === "error");
    expect(errors.map((f: { id: string }) => f.id)).toEqual(["net.refused"]);
  });
});

describe("probe refuses to run without what it needs (exit 2)", () => {
  it.each([
    ["unknown field", '{"mtlsHots": "x"}', /c\.json: unknown field "mtlsHots"/],
    ["wrong type", '{"timeout": "soon"}', /c\.json: field "timeout" must be a number/],
    ["a secret in the file", '{"clientSecret": "nope"}', /field "clientSecret" is not allowed/],
    ["invalid JSON", "{", /c\.json: not valid JSON/],
  ])("a config file with %s", async (_what, text, message) => {
    const res = await runCli([...base, "--config", write("c.json", text), "--client-key", "k"], { env: SECRET });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toContain("nope");
  });

  it("no secret available", async () => {
    const res = await runCli([...base, "--client-key", "k", "--host", "127.0.0.1:1"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no ClientSecret available: set CONNECTPAY_CLIENT_SECRET or use --client-secret-file/);
  });

  it("missing --cert", async () => {
    const res = await runCli(["probe", "--key", "fixtures/good/leaf.key"], { env: SECRET });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/probe needs --cert <bundle> and --key <key>/);
  });

  it("an unreadable key", async () => {
    const res = await runCli(["probe", "--cert", "fixtures/good/chain.pem", "--key", "nope.key", "--client-key", "k"], {
      env: SECRET,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--key: cannot read nope\.key: no such file/);
  });

  it("reads the secret from --client-secret-file and never prints it", async () => {
    const secretFile = write("secret.txt", "file-secret-value\n");
    const res = await runCli([
      ...base,
      "--client-key",
      "k",
      "--host",
      "127.0.0.1:1",
      "--client-secret-file",
      secretFile,
    ]);
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).not.toContain("file-secret-value");
  });
});

describe("key.permissions", () => {
  it("warns about a key readable by group or others, and not about a 0600 key", async () => {
    const { readFileSync, chmodSync } = await import("node:fs");
    const key = write("loose.key", readFileSync("fixtures/good/leaf.key", "utf8"));
    chmodSync(key, 0o644);
    const args = ["check", "fixtures/good/chain.pem", "--key", key, "--json", "--at", "2030-01-01"];
    const loose = JSON.parse((await runCli(args)).stdout).results[0].findings;
    expect(loose.find((f: { id: string }) => f.id === "key.permissions")).toMatchObject({ severity: "warning" });
    expect(loose.find((f: { id: string }) => f.id === "key.permissions").message).toMatch(/mode 644/);
    chmodSync(key, 0o600);
    const tight = JSON.parse((await runCli(args)).stdout).results[0].findings;
    expect(tight.some((f: { id: string }) => f.id === "key.permissions")).toBe(false);
  });
});

describe("without the openssl command", () => {
  it("says the CA-name check was not done, and goes on", async () => {
    const { execa } = await import("execa");
    const { symlinkSync } = await import("node:fs");
    const { BIN } = await import("../helpers/cli.js");
    const bin = `${dir}/bin-without-openssl`;
    (await import("node:fs")).mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, `${bin}/node`);
    // ca-names runs once connect has passed: a listener that accepts and closes is enough.
    const { createServer } = await import("node:net");
    const listener = createServer((socket) => socket.destroy());
    await new Promise<void>((done) => listener.listen(0, "127.0.0.1", done));
    const host = `127.0.0.1:${(listener.address() as { port: number }).port}`;
    const res = await execa(
      process.execPath,
      [BIN, ...base.slice(0, 1), ...base.slice(1), "--client-key", "k", "--host", host],
      {
        env: { PATH: bin, ...SECRET },
        reject: false,
      },
    ).finally(() => listener.close());
    const step = JSON.parse(res.stdout).steps.find((s: { id: string }) => s.id === "ca-names");
    expect(step).toMatchObject({
      ok: true,
      status: "not-checked",
      detail: "not checked: the openssl command is not available on this machine",
    });
  });
});

describe("names of Object.prototype are values like any other (issue 25)", () => {
  it.each(["constructor", "__proto__", "toString"])("probe --env %s: exit 2 listing stage, production", async (env) => {
    const res = await runCli([...base, "--env", env, "--client-key", "k"], { env: SECRET });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toContain(`--env: env "${env}" is not one of stage, production.`);
    expect(res.stderr).not.toMatch(/TypeError|internal error/);
  });

  it.each(["constructor", "hasOwnProperty"])("env %s in the config file: exit 2 naming the file", async (env) => {
    const file = write(`env-${env}.json`, JSON.stringify({ env, clientKey: "k" }));
    const res = await runCli([...base, "--config", file], { env: SECRET });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toContain(`${file}: env "${env}" is not one of stage, production.`);
  });

  it.each(["__proto__", "constructor"])("a config key %s is an unknown field, not Object.prototype's", async (key) => {
    const file = write(`key-${key}.json`, `{"${key}": {"mtlsHost": "127.0.0.1:1"}, "clientKey": "k"}`);
    const res = await runCli([...base, "--config", file], { env: SECRET });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toContain(`unknown field "${key}" (known: env, mtlsHost,`);
    expect(res.stderr).not.toContain("[object Object]");
  });

  it("fix --env toString is refused instead of going into the email subject", async () => {
    const res = await runCli(["fix", "fixtures/good/chain.pem", "--env", "toString", "--at", "2030-01-01"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--env: "toString" is not one of stage, production.');
    expect(res.stdout).toBe("");
  });
});
