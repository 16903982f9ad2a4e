import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers/cli.js";

// A real terminal, through util-linux `script`: the hidden password prompt and the probe spinner only
// exist on a TTY. CI is removed from the environment because the tool turns spinners off in CI.
function onTty(
  command: string,
  answer?: { after: string; send: string } | { after: string; send: string }[],
  colour = false,
): Promise<{ out: string; code: number | null }> {
  const env = { ...process.env, CI: "", NO_COLOR: "1", CONNECTPAY_CLIENT_SECRET: "tty-secret-value" };
  delete (env as Record<string, string | undefined>).CI;
  if (colour) delete (env as Record<string, string | undefined>).NO_COLOR;
  // `script`'s pty starts with no size; give it one, like a real terminal.
  const child = spawn("script", ["-qec", `stty cols 120 rows 40; ${command}`, "/dev/null"], { cwd: ROOT, env });
  let out = "";
  // Each answer is typed once its question has appeared, after the questions before it.
  const answers = answer === undefined ? [] : Array.isArray(answer) ? [...answer] : [answer];
  let from = 0;
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill(), 20_000);
    child.stdout.on("data", (c) => {
      out += c;
      const next = answers[0];
      const at = next ? out.indexOf(next.after, from) : -1;
      if (next && at !== -1) {
        answers.shift();
        from = at + next.after.length;
        child.stdin.write(next.send);
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ out, code });
    });
  });
}

describe("on a terminal", () => {
  // The descriptor itself is asked (src/cli/is-terminal.ts), not process.stdout: a pty is a terminal,
  // a pipe is not.
  it("colours check's report on a terminal only", async () => {
    const check = `node ${BIN} check fixtures/good/chain.pem --at 2030-01-01`;
    const tty = await onTty(check, undefined, true);
    expect(tty.code).toBe(0);
    expect(tty.out).toContain("\u001b[32m\u001b[1mConnectPay's rules: accepted");
    const piped = await onTty(`${check} | cat`, undefined, true);
    expect(piped.out).toMatch(/ConnectPay's rules: accepted/);
    expect(piped.out).not.toContain("\u001b[");
  });

  it("asks for the PKCS#12 password without echoing it", async () => {
    const res = await onTty(`node ${BIN} inspect fixtures/format/leaf-and-key.p12`, {
      after: "PKCS#12 password: ",
      send: "fixture-password\r",
    });
    expect(res.out).toMatch(/PKCS#12, 2 certificates/);
    expect(res.out).not.toContain("fixture-password");
    expect(res.code).toBe(0);
  });

  it("asks for an encrypted --key's passphrase without echoing it, and a new .p12's password twice", async () => {
    const { existsSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { execFileSync } = await import("node:child_process");
    const dir = mkdtempSync(`${tmpdir()}/cpc-tty-key-`);
    execFileSync(
      "openssl",
      ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "fixtures/good/leaf.key"].concat([
        "-out",
        `${dir}/enc.key`,
        "-passout",
        "pass:tty-key-pass",
      ]),
    );
    const check = await onTty(`node ${BIN} check fixtures/good/chain.pem --key ${dir}/enc.key --at 2030-01-01`, {
      after: `Passphrase for ${dir}/enc.key: `,
      send: "tty-key-pass\r",
    });
    expect(check.out).toMatch(/ConnectPay's rules: accepted/);
    expect(check.out).not.toContain("tty-key-pass");
    expect(check.code).toBe(0);
    const out = `${dir}/client.p12`;
    const p12 = await onTty(
      `node ${BIN} fix fixtures/good/chain.pem --key fixtures/good/leaf.key -o ${out} --at 2030-01-01`,
      [
        { after: "Password for the new .p12: ", send: "first-pw\r" },
        { after: "The same password again: ", send: "other-pw\r" },
      ],
    );
    expect(p12.out).toMatch(/the two passwords differ; nothing was written/);
    expect(p12.out).not.toMatch(/first-pw|other-pw/);
    expect(p12.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it("shows one spinner line per probe step on stderr", async () => {
    const args =
      "--cert fixtures/good/chain.pem --key fixtures/good/leaf.key --client-key k --host 127.0.0.1:1 --at 2030-01-01";
    const res = await onTty(`node ${BIN} probe ${args}`);
    expect(res.out).toMatch(/DNS and TCP 127\.0\.0\.1:1/);
    expect(res.out).toMatch(/Probe failed at step connect: net\.refused/);
    expect(res.out).not.toContain("tty-secret-value");
    expect(res.code).toBe(1);
  });
});
