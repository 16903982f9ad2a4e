import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { readPassword } from "../../src/cli/password.js";
import { ROOT, runCli } from "../helpers/cli.js";

// Issue 11, point 7: spinners and prompts write through the injected Io, so a test sees every byte.
describe("terminal output goes through Io", () => {
  it("draws probe's spinner on io.stderr when stderr is a terminal of known width", async () => {
    const argv = ["probe", "--cert", "fixtures/good/chain.pem", "--key", "fixtures/good/leaf.key", "--client-key", "k"];
    const res = await runCli([...argv, "--host", "127.0.0.1:1", "--at", "2030-01-01"], {
      tty: true,
      columns: 120,
      env: { CONNECTPAY_CLIENT_SECRET: "io-secret-value" },
    });
    expect(res.stderr).toContain("\u001b[?25l");
    expect(res.stderr).toMatch(/DNS and TCP 127\.0\.0\.1:1: Nothing accepts connections/);
    expect(res.stdout).toMatch(/Probe failed at step connect: net\.refused/);
    expect(res.stdout + res.stderr).not.toContain("io-secret-value");
    expect(res.code).toBe(1);
  });

  it("draws no spinner without a width, in CI or on a dumb terminal", async () => {
    const argv = ["probe", "--cert", "fixtures/good/chain.pem", "--key", "fixtures/good/leaf.key", "--client-key", "k"];
    const secret = { CONNECTPAY_CLIENT_SECRET: "io-secret-value" };
    for (const opts of [
      { tty: true },
      { tty: true, columns: 120, env: { ...secret, CI: "true" } },
      { tty: true, columns: 120, env: { ...secret, TERM: "dumb" } },
    ]) {
      const res = await runCli([...argv, "--host", "127.0.0.1:1", "--at", "2030-01-01"], { env: secret, ...opts });
      expect(res.stderr).not.toContain("\u001b[?25l");
    }
  });

  it("asks for a hidden password on io.stderr and reads it from io.stdinStream without echo", async () => {
    let stderr = "";
    const stdin = new PassThrough();
    const io: Io = {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      readStdin: async () => Buffer.alloc(0),
      env: {},
      cwd: ROOT,
      stdoutIsTTY: true,
      stderrIsTTY: true,
      stdinIsTTY: true,
      stderrColumns: 80,
      stdinStream: stdin,
    };
    const answer = readPassword({}, io);
    stdin.write("hunter2\r");
    expect(await answer).toBe("hunter2");
    // readline's own cursor moves come through io.stderr too; the answer never does.
    const ESC = String.fromCharCode(27);
    expect(stderr.startsWith("PKCS#12 password: ")).toBe(true);
    expect(stderr.endsWith("\n")).toBe(true);
    expect(stderr.replace("PKCS#12 password: ", "").replaceAll(new RegExp(`${ESC}\\[\\d*[A-Za-z]`, "g"), "")).toBe(
      "\n",
    );
  });
});
