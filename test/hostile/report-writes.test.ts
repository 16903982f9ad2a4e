import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, FIXTURES } from "../helpers/cli.js";

// The report's own descriptors, as a user's shell hands them over: /dev/full answers every write with
// ENOSPC (a full disk), and a pipe whose reader is gone with EPIPE (`| head -1`). A full disk ended as a
// bug (exit 3, a stack trace); it is exit 2 with one line, as `fix -o` on a full disk is.
const AT = ["--at", "2030-01-01"];
const GOOD = `${FIXTURES}good/chain.pem`;
const REVERSED = `${FIXTURES}chain/reversed.pem`;
const FULL_DISK = "connectpay-cert: cannot write to standard output: no space left on device (ENOSPC).\n";

type Target = "full" | "closed-pipe" | "pipe";

/** Runs the built bin with stdout and stderr each on /dev/full, a pipe closed at once, or a pipe read. */
async function run(args: string[], out: Target, err: Target = "pipe", extraEnv: Record<string, string> = {}) {
  const full = openSync("/dev/full", "w");
  const stdio = (t: Target) => (t === "full" ? full : "pipe");
  const env = { NO_COLOR: "1", PATH: process.env.PATH ?? "", ...extraEnv };
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", stdio(out), stdio(err)], env });
  closeSync(full);
  const texts = { stdout: "", stderr: "" };
  for (const [name, target] of [
    ["stdout", out],
    ["stderr", err],
  ] as const) {
    const stream = child[name];
    if (target === "closed-pipe") stream?.destroy();
    else stream?.on("data", (chunk) => (texts[name] += chunk));
  }
  const [code] = await once(child, "close");
  return { code: code as number, ...texts };
}

describe("a report that cannot be written (stdout on a full disk)", () => {
  it.each([
    ["check", [GOOD, ...AT]],
    ["check --json", [GOOD, "--json", ...AT]],
    ["check --format prometheus", [`${FIXTURES}good`, "--format", "prometheus", ...AT]],
    ["fix (the chain to stdout)", [REVERSED, ...AT]],
    ["inspect", [GOOD, ...AT]],
    ["explain", ["chain.reversed"]],
    ["--help", ["--help"]],
    ["--version", ["--version"]],
  ])("%s: exit 2 with one line on stderr, no stack trace", async (name, rest) => {
    const command = name.startsWith("-") ? [] : [name.split(" ")[0]];
    const res = await run([...command, ...rest], "full");
    expect(res.stderr).toBe(FULL_DISK);
    expect(res.code).toBe(2);
  });

  it("check of a folder on two threads (its results written while the run waits): exit 2 with one line", async () => {
    // The second thread makes the run wait, so the batched report is written from a setImmediate.
    const res = await run(["check", `${FIXTURES}chain`, ...AT], "full", "pipe", { CONNECTPAY_CERT_THREADS: "2" });
    expect(res.stderr).toBe(FULL_DISK);
    expect(res.code).toBe(2);
  });
});

describe("a reader that goes away (stdout closed, as `| head -1` does)", () => {
  it.each([
    ["an accepted chain", [GOOD], 0],
    ["a rejected chain", [REVERSED], 1],
    ["a rejected chain, --json", [REVERSED, "--json"], 1],
  ])("check %s: the verdict's exit code, nothing on stderr", async (_, files, verdict) => {
    const res = await run(["check", ...files, ...AT], "closed-pipe");
    expect(res).toMatchObject({ code: verdict, stderr: "" });
  });

  it("--version: exit 0, nothing on stderr", async () => {
    expect(await run(["--version"], "closed-pipe")).toMatchObject({ code: 0, stderr: "" });
  });
});

describe("diagnostics that cannot be written (stderr on a full disk)", () => {
  it("fix -o still writes the chain and exits with its verdict (its report on stderr is lost)", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "cpc-stderr-full-")), "chain.pem");
    const res = await run(["fix", REVERSED, "-o", out, ...AT], "pipe", "full");
    expect(res.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(GOOD, "utf8"));
  });
});
