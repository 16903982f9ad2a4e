import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/write-file.js";
import { FIXTURES, ROOT } from "../helpers/cli.js";
import { runBin } from "./measure.js";

// Issue 13, "Writing": where fix puts its output, with the real links, devices and signals.
const dir = mkdtempSync(join(tmpdir(), "cpc-hostile-write-"));
const FIX = ["fix", `${FIXTURES}chain/reversed.pem`, "--at", "2030-01-01"];
const isRoot = process.getuid?.() === 0;
const strays = () => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("fix -o refuses what is not a new or regular file", () => {
  it("-o onto a symlink: refused, the link's target untouched", async () => {
    writeFileSync(join(dir, "precious.txt"), "precious\n");
    symlinkSync("precious.txt", join(dir, "out.pem"));
    const res = await runBin([...FIX, "-o", "out.pem"], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/-o: cannot write out\.pem: it is a symbolic link; write to a new file/);
    expect(readFileSync(join(dir, "precious.txt"), "utf8")).toBe("precious\n");
    expect(lstatSync(join(dir, "out.pem")).isSymbolicLink()).toBe(true);
  });

  it("-o onto a character device: refused, still a device", async () => {
    let device = "/dev/null";
    if (isRoot) {
      device = join(dir, "null-device");
      execFileSync("mknod", [device, "c", "1", "3"]);
    }
    const res = await runBin([...FIX, "-o", device], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/-o: cannot write .*null.*: it is a character device/);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it("-o onto a FIFO or a folder: refused", async () => {
    execFileSync("mkfifo", [join(dir, "pipe.pem")]);
    const fifo = await runBin([...FIX, "-o", "pipe.pem"], { cwd: dir, timeoutMs: 15_000 });
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(/it is a named pipe \(FIFO\)/);
    const folder = await runBin([...FIX, "--zip", "."], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/--zip: cannot write \.: it is a directory/);
  });

  it("replaces an existing regular file whole, mode 0644 for a certificate", async () => {
    writeFileSync(join(dir, "existing.pem"), "old\n", { mode: 0o600 });
    const res = await runBin([...FIX, "-o", "existing.pem"], { cwd: dir });
    expect(res.code).toBe(0);
    expect(readFileSync(join(dir, "existing.pem"), "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(statSync(join(dir, "existing.pem")).mode & 0o777).toBe(0o644 & ~process.umask());
    expect(strays()).toEqual([]);
  });

  it("-o X --zip X is refused before anything is written", async () => {
    const res = await runBin([...FIX, "-o", "both.out", "--zip", "./both.out"], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--zip: \.\/both\.out is also the -o file/);
    expect(existsSync(join(dir, "both.out"))).toBe(false);
  });

  it("a missing --zip folder gets a clear message, not a temp-file ENOENT", async () => {
    const res = await runBin([...FIX, "--zip", "no-such-folder/acme.zip"], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /--zip: cannot write no-such-folder\/acme\.zip: the folder no-such-folder does not exist\./,
    );
    expect(res.stderr).not.toMatch(/\.tmp|ENOENT/);
  });

  it("key material is written 0600 whatever the umask", async () => {
    const file = join(dir, "secret-material");
    const old = process.umask(0o002);
    try {
      await writeFileAtomic(file, "not a certificate", 0o600);
    } finally {
      process.umask(old);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("no stray temporary file on a signal the process can catch", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "%s while a temp file is open: removed, and the signal still kills",
    async (signal) => {
      // A child that creates the O_EXCL temp file through the product code, then waits to be stopped.
      const script = join(dir, `hold-temp-${signal}.mjs`);
      await build({
        stdin: {
          contents: `import { createTemp } from "./src/cli/temp-files.ts";
const { tmp } = await createTemp(process.argv[2], 0o644);
console.log(tmp);
setInterval(() => {}, 1000);`,
          resolveDir: ROOT,
          loader: "ts",
        },
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: script,
        logLevel: "silent",
      });
      const child = spawn(process.execPath, [script, join(dir, `signal-${signal}.pem`)]);
      const [line] = await once(child.stdout, "data");
      const tmp = String(line).trim();
      expect(existsSync(tmp)).toBe(true);
      child.kill(signal);
      const [code, killedBy] = await once(child, "exit");
      expect({ code, killedBy }).toEqual({ code: null, killedBy: signal });
      expect(existsSync(tmp)).toBe(false);
    },
  );
});
