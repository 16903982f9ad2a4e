import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { issue } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";

const CHAIN = "fixtures/good/chain.pem";
const AT = ["--at", "2030-01-01"];

describe("fix -o: what the name says", () => {
  // Found in review: extname(".p12") is "", so a file named just ".p12" (or dir/.der, dir/.p7b) gets PEM,
  // the very bug item 4 removed for "x.p12"; with --key the key is silently left out, mode 0644.
  it("a dot-file named .p12 is a PKCS#12 (or refused), never PEM", async () => {
    const d = mkdtempSync(`${tmpdir()}/cpc-review-dot-`);
    const res = await runCli(
      ["fix", CHAIN, "--key", "fixtures/good/leaf.key", "--password-env", "P", "-o", `${d}/.p12`, ...AT],
      {
        env: { P: "pw" },
      },
    );
    if (res.code === 0) expect(readFileSync(`${d}/.p12`, "latin1")).not.toMatch(/BEGIN CERTIFICATE/);
    else expect(res.code).toBe(2);
  });

  // Found in review: the friendly name (keytool's alias) is the leaf's CN as is; keytool -list and
  // openssl pkcs12 -info print it raw, so a CN holding ESC sequences reaches the user's terminal later.
  it("the .p12 friendly name holds no control characters from the certificate", async () => {
    const root = await issue({ subject: "CN=Review FN Root", ca: true });
    const leaf = await issue({ subject: "CN=a\u001b]0;pwned\u0007b", issuer: root, clientAuth: true });
    const d = mkdtempSync(`${tmpdir()}/cpc-review-fn-`);
    writeFileSync(`${d}/chain.pem`, leaf.pem + root.pem);
    writeFileSync(`${d}/leaf.key`, leaf.keyPem, { mode: 0o600 });
    const res = await runCli(
      ["fix", `${d}/chain.pem`, "--key", `${d}/leaf.key`, "--password-env", "P", "-o", `${d}/c.p12`],
      {
        env: { P: "pw" },
      },
    );
    expect(res.code).toBe(0);
    expect(statSync(`${d}/c.p12`).mode & 0o777).toBe(0o600);
    const info = await execa("openssl", ["pkcs12", "-in", `${d}/c.p12`, "-passin", "pass:pw", "-nokeys", "-info"], {
      all: true,
    });
    expect(info.all).toMatch(/friendlyName/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this test looks for
    expect(info.all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

// Found in review: --help says the password file's "first line"; readPassword keeps every line but the last
// newline, so a file with a note under the password makes a .p12 whose password is not the one the user knows.
describe("fix -o x.p12 --password-file", () => {
  it("uses the first line of the file as the new .p12's password", async () => {
    const d = mkdtempSync(`${tmpdir()}/cpc-review-pwfile-`);
    writeFileSync(`${d}/pw.txt`, "first-line-pw\nrotated 2026-12, ask ops\n", { mode: 0o600 });
    const res = await runCli([
      "fix",
      CHAIN,
      "--key",
      "fixtures/good/leaf.key",
      "--password-file",
      `${d}/pw.txt`,
      "-o",
      `${d}/c.p12`,
      ...AT,
    ]);
    expect(res.code).toBe(0);
    const open = await execa("openssl", ["pkcs12", "-in", `${d}/c.p12`, "-passin", "pass:first-line-pw", "-noout"], {
      reject: false,
    });
    expect(open.exitCode).toBe(0);
  });
});
