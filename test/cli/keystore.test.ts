import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { KEYTOOL_JVM } from "../helpers/keytool.js";

// Keystores made by the real keytool (Debian's openjdk-*-jre-headless; .ci/run installs it), and keytool
// -list -rfc as the judge of what the tool reads from them. Modern keytool defaults to PKCS12, so the
// store types are explicit.
const PASS = "storepass";
const env = { KS_PASS: PASS };
const dir = mkdtempSync(`${tmpdir()}/cpc-keystore-`);
const ks = (name: string) => `${dir}/${name}`;

const keytool = (args: string[]) => execa("keytool", [...KEYTOOL_JVM, ...args, "-storepass", PASS], { cwd: dir });

/** The PEM certificates keytool prints for an alias, normalised to LF and one trailing newline each. */
async function keytoolChain(store: string, type: string, alias: string): Promise<string> {
  const res = await keytool(["-list", "-rfc", "-alias", alias, "-keystore", store, "-storetype", type]);
  const blocks = res.stdout.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => `${b.replace(/\r/g, "")}\n`).join("");
}

beforeAll(async () => {
  await execa(
    "openssl",
    ["pkcs12", "-export", "-in", `${FIXTURES}good/chain.pem`, "-inkey", `${FIXTURES}good/leaf.key`].concat([
      "-name",
      "client",
      "-passout",
      `pass:${PASS}`,
      "-out",
      ks("client.p12"),
    ]),
  );
  for (const type of ["JKS", "JCEKS"]) {
    const store = ks(`one-key.${type.toLowerCase()}`);
    await keytool(
      ["-importkeystore", "-noprompt", "-srckeystore", ks("client.p12"), "-srcstoretype", "PKCS12"]
        .concat(["-srcstorepass", PASS, "-destkeystore", store, "-deststoretype", type, "-destkeypass", PASS])
        .concat(["-deststorepass", PASS]),
    );
    await keytool(
      ["-importcert", "-noprompt", "-alias", "demo-root", "-file", `${FIXTURES}good/root.pem`].concat([
        "-keystore",
        store,
        "-storetype",
        type,
      ]),
    );
  }
  writeFileSync(ks("two-keys.jks"), readFileSync(ks("one-key.jks")));
  await keytool(
    ["-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other.example"].concat(
      ["-validity", "3650", "-keystore", ks("two-keys.jks"), "-storetype", "JKS", "-keypass", PASS],
    ),
  );
  await keytool(
    ["-importcert", "-noprompt", "-alias", "root", "-file", `${FIXTURES}good/root.pem`].concat([
      "-keystore",
      ks("trust.jks"),
      "-storetype",
      "JKS",
    ]),
  );
}, 60_000);

describe("Java keystores", () => {
  it.each(["JKS", "JCEKS"])("fix reads the %s key entry's chain exactly as keytool -list lists it", async (type) => {
    const store = ks(`one-key.${type.toLowerCase()}`);
    const res = await runCli(["fix", store, "--password-env", "KS_PASS", "--at", "2030-01-01"], { env });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(new RegExp(`converted +from ${type}`));
    expect(res.stdout).toBe(await keytoolChain(store, type, "client"));
    expect(res.stdout).not.toMatch(/PRIVATE KEY/);
  });

  it("inspect and check read it too, with the password from a file", async () => {
    const pwFile = ks("pw.txt");
    writeFileSync(pwFile, `${PASS}\n`);
    const inspect = await runCli(["inspect", ks("one-key.jks"), "--password-file", pwFile]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/JKS, 3 certificates/);
    const check = await runCli(["check", ks("one-key.jceks"), "--password-file", pwFile, "--at", "2030-01-01"]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/#1 leaf {2}payments\.acme\.example/);
    expect(check.stdout).toMatch(/ConnectPay's rules: accepted/);
  });

  it("refuses a wrong or missing password with exit 2: the integrity digest does not match", async () => {
    const wrong = await runCli(["fix", ks("one-key.jks"), "--password-env", "KS_PASS"], { env: { KS_PASS: "nope" } });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/the keystore password is wrong/);
    const none = await runCli(["inspect", ks("one-key.jks")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(
      /this keystore file needs its password: use --password-env VAR or --password-file FILE/,
    );
    const check = await runCli(["check", ks("one-key.jks"), "--password-env", "KS_PASS"], { env: { KS_PASS: "nope" } });
    expect(check.code).toBe(2);
    expect(check.stdout).toMatch(/the keystore password is wrong/);
  });

  it("with several key entries, asks for --alias and lists the aliases; --alias picks one", async () => {
    const store = ks("two-keys.jks");
    const res = await runCli(["fix", store, "--password-env", "KS_PASS"], { env });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/holds 2 key entries: pick one with --alias; its aliases: /);
    for (const a of ["other (key entry)", "client (key entry)", "demo-root (trusted certificate)"])
      expect(res.stderr).toContain(a);
    const other = await runCli(["inspect", store, "--password-env", "KS_PASS", "--alias", "other", "--json"], { env });
    expect(other.code).toBe(0);
    const certs = JSON.parse(other.stdout).certificates;
    expect(certs).toHaveLength(1);
    expect(certs[0].subject).toBe("CN=other.example");
    const client = await runCli(
      ["fix", store, "--password-env", "KS_PASS", "--alias", "client", "--at", "2030-01-01"],
      {
        env,
      },
    );
    expect(client.stdout).toBe(await keytoolChain(store, "JKS", "client"));
    const missing = await runCli(["fix", store, "--password-env", "KS_PASS", "--alias", "nope"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/has no alias "nope"; its aliases: /);
  });

  it("a truststore (no key entry) gives its trusted certificates, e.g. for --trust", async () => {
    const res = await runCli(["inspect", ks("trust.jks"), "--password-env", "KS_PASS", "--json"], { env });
    expect(JSON.parse(res.stdout).certificates.map((c: { subject: string }) => c.subject)).toEqual([
      "CN=Demo Root CA, O=Demo Trust Services, C=LT",
    ]);
  });

  it("a keystore is not a file to send: check without a keystore password explains, fix converts", async () => {
    const res = await runCli(["check", ks("one-key.jks")]);
    expect(res.code).toBe(2);
    expect(res.stdout).toMatch(/needs its password/);
  });
});
