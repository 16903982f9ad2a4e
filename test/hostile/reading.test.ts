import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../helpers/cli.js";
import { PEAK_LIMIT_MIB, runBin } from "./measure.js";

// Issue 13, "Reading": the real special files, spawned on the built bin with its peak memory measured.
const dir = mkdtempSync(join(tmpdir(), "cpc-hostile-read-"));
chmodSync(dir, 0o755);
const AT = ["--at", "2030-01-01"];
const isRoot = process.getuid?.() === 0;
const fifo = join(dir, "no-writer.pem");
execFileSync("mkfifo", [fifo]);

function bounded(res: { peakMiB?: number; timedOut: boolean }) {
  expect(res.timedOut).toBe(false);
  if (res.peakMiB !== undefined) expect(res.peakMiB).toBeLessThan(PEAK_LIMIT_MIB);
}

describe("special files are refused before a byte is read", () => {
  it.each([
    ["check", ["check", "/dev/zero"], "/dev/zero", "a character device"],
    ["fix", ["fix", "/dev/zero"], "/dev/zero", "a character device"],
    ["inspect", ["inspect", "/dev/zero"], "/dev/zero", "a character device"],
    ["check a FIFO with no writer", ["check", fifo], fifo, "a named pipe \\(FIFO\\)"],
    ["fix a FIFO", ["fix", fifo], fifo, "a named pipe \\(FIFO\\)"],
    ["inspect a FIFO", ["inspect", fifo], fifo, "a named pipe \\(FIFO\\)"],
    ["check a directory named as --trust", ["check", `${FIXTURES}good/chain.pem`, "--trust", dir], dir, "a directory"],
  ])("%s: exit 2 with what it is", async (_, args, name, kind) => {
    const res = await runBin([...args, ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(new RegExp(`cannot read ${name}: it is ${kind}, not a regular file`));
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ["--key", ["check", `${FIXTURES}good/chain.pem`, "--key", fifo]],
    ["--trust", ["check", `${FIXTURES}good/chain.pem`, "--trust", "/dev/zero"]],
    ["--ca-file", ["fix", `${FIXTURES}chain/no-root.pem`, "--ca-file", fifo]],
    ["--password-file", ["fix", `${FIXTURES}format/leaf-and-key.p12`, "--password-file", "/dev/zero"]],
    ["--cert", ["probe", "--cert", fifo, "--key", `${FIXTURES}good/leaf.key`]],
  ])("%s names a special file: exit 2, nothing read", async (flag, args) => {
    const res = await runBin([...args, ...AT], { cwd: dir, env: { CONNECTPAY_CLIENT_SECRET: "s3cret-value" } });
    bounded(res);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      new RegExp(`${flag}: cannot read .*: it is a (character device|named pipe \\(FIFO\\)), not a regular file`),
    );
  });

  it.runIf(isRoot)("a device node made with mknod is refused too", async () => {
    const node = join(dir, "zero-device.pem");
    try {
      execFileSync("mknod", [node, "c", "1", "5"]);
    } catch {
      return; // no CAP_MKNOD in this container: /dev/zero above is the same kind of file
    }
    const res = await runBin(["check", node, ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/zero-device\.pem: it is a character device, not a regular file/);
  });
});

it("gateway --registered names a special file: exit 2, nothing read", async () => {
  const args = ["gateway", "--registered", "/dev/zero", "--client-key", "k", "--port", "0", "--public-port", "0"];
  const res = await runBin(args, { cwd: dir, env: { CONNECTPAY_CLIENT_SECRET: "s3cret-value" } });
  bounded(res);
  expect(res.code).toBe(2);
  expect(res.stderr).toMatch(/--registered: cannot read \/dev\/zero: it is a character device, not a regular file/);
});

describe("a file's size as fstat tells it is where a read may stop, never where it must", () => {
  it.runIf(process.platform === "linux")("/proc/self/status (fstat: 0 bytes) is read to its end", async () => {
    const res = await runBin(["check", "/proc/self/status", "--json", ...AT], { cwd: dir });
    expect(res.code).toBe(1);
    // An empty read would be format.empty; the text that is there is not PEM.
    expect(JSON.parse(res.stdout).results[0].findings[0].id).toBe("format.not-pem");
  });

  it("an empty file and a one-byte file are what they are", async () => {
    writeFileSync(join(dir, "empty.pem"), "");
    writeFileSync(join(dir, "one-byte.pem"), "x");
    const res = await runBin(["check", "empty.pem", "one-byte.pem", "--json", ...AT], { cwd: dir });
    const ids = JSON.parse(res.stdout).results.map((r: { findings: { id: string }[] }) => r.findings[0].id);
    expect(ids).toEqual(["format.empty", "format.not-pem"]);
  });
});

describe("large files are read only up to the limit", () => {
  it("a 1 GB sparse .pem gets format.limit-exceeded with bounded memory", async () => {
    const big = join(dir, "sparse-1g.pem");
    writeFileSync(big, "");
    truncateSync(big, 1024 ** 3);
    const res = await runBin(["check", big, "--json", ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).results[0].findings[0].id).toBe("format.limit-exceeded");
  });

  it("a folder of six 1.5 GB files stays bounded: read-ahead holds two files at the limit", async () => {
    const folder = join(dir, "six-large");
    mkdirSync(folder);
    for (let i = 0; i < 6; i++) {
      const f = join(folder, `big-${i}.pem`);
      writeFileSync(f, "");
      truncateSync(f, 1.5 * 1024 ** 3);
    }
    const res = await runBin(["check", folder, "--json", ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(1);
    const results = JSON.parse(res.stdout).results;
    expect(results).toHaveLength(6);
    for (const r of results) expect(r.findings[0].id).toBe("format.limit-exceeded");
  });
});

describe("directory walks", () => {
  it("two `ln -s .` loops: each real file judged once, no stack overflow", async () => {
    const loop = join(dir, "loop");
    mkdirSync(loop);
    copyFileSync(`${FIXTURES}good/chain.pem`, join(loop, "chain.pem"));
    symlinkSync(".", join(loop, "a"));
    symlinkSync(".", join(loop, "b"));
    symlinkSync("chain.pem", join(loop, "same-file.pem"));
    const res = await runBin(["check", loop, "--json", ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).results.map((r: { input: string }) => r.input)).toEqual([join(loop, "chain.pem")]);
  });

  it("a folder deeper than 32 levels is reported, not searched: exit 2", async () => {
    let deep = join(dir, "deep");
    for (let i = 0; i < 34; i++) deep = join(deep, `d${i}`);
    mkdirSync(deep, { recursive: true });
    copyFileSync(`${FIXTURES}good/chain.pem`, join(dir, "deep", "chain.pem"));
    const res = await runBin(["check", join(dir, "deep"), ...AT], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/d32: folder not searched: deeper than 32 levels/);
  });

  it("a subfolder that cannot be read is reported (exit 2), not skipped", async () => {
    const tree = join(dir, "locked-tree");
    mkdirSync(join(tree, "locked"), { recursive: true });
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "chain.pem"));
    chmodSync(join(tree, "chain.pem"), 0o644);
    chmodSync(tree, 0o755);
    chmodSync(join(tree, "locked"), 0o000);
    // root reads any folder: run the bin as nobody so the permission bits apply.
    const res = await runBin(["check", tree, ...AT], { cwd: dir, uid: isRoot ? 65534 : undefined });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/locked: cannot read folder: permission denied/);
    expect(res.stdout).toMatch(/accepted/);
  });

  it("a hard link and a symbolic link to one file, in one folder: judged once, under its first name", async () => {
    const tree = join(dir, "links");
    mkdirSync(join(tree, "sub"), { recursive: true });
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "sub", "real.pem"));
    linkSync(join(tree, "sub", "real.pem"), join(tree, "b-hard.pem"));
    symlinkSync(join("sub", "real.pem"), join(tree, "a-soft.pem"));
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "c-copy.pem"));
    const res = await runBin(["check", "links", "--json", ...AT], { cwd: dir });
    expect(res.code).toBe(0);
    const doc = JSON.parse(res.stdout);
    // Sorted names; the copy is another file with the same bytes, so it is judged too.
    expect(doc.results.map((r: { input: string }) => r.input)).toEqual(["links/a-soft.pem", "links/c-copy.pem"]);
    expect(doc.summary).toEqual({ files: 2, accepted: 2, rejected: 0, unreadable: 0 });
  });

  it("a file named on the command line is judged even when a folder walk met it under another name", async () => {
    const tree = join(dir, "named-too");
    mkdirSync(tree);
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "chain.pem"));
    linkSync(join(tree, "chain.pem"), join(dir, "outside.pem"));
    const res = await runBin(["check", "named-too", "outside.pem", "named-too/chain.pem", "--json", ...AT], {
      cwd: dir,
    });
    expect(res.code).toBe(0);
    const inputs = JSON.parse(res.stdout).results.map((r: { input: string }) => r.input);
    expect(inputs).toEqual(["named-too/chain.pem", "outside.pem"]);
  });

  it("a FIFO and two links to it in a folder: refused once, without hanging, and the walk goes on", async () => {
    const tree = join(dir, "fifo-links");
    mkdirSync(tree);
    execFileSync("mkfifo", [join(tree, "a-pipe.pem")]);
    linkSync(join(tree, "a-pipe.pem"), join(tree, "b-pipe-hard.pem"));
    symlinkSync("a-pipe.pem", join(tree, "c-pipe-soft.pem"));
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "d-chain.pem"));
    const res = await runBin(["check", tree, "--json", ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(2);
    const doc = JSON.parse(res.stdout);
    expect(doc.results.map((r: { input: string }) => r.input)).toEqual([
      join(tree, "a-pipe.pem"),
      join(tree, "d-chain.pem"),
    ]);
    expect(doc.results[0].error).toMatch(/it is a named pipe \(FIFO\), not a regular file/);
  });

  it("a FIFO named .pem inside a folder is refused by name, and the walk goes on", async () => {
    const tree = join(dir, "with-fifo");
    mkdirSync(tree);
    execFileSync("mkfifo", [join(tree, "pipe.pem")]);
    copyFileSync(`${FIXTURES}good/chain.pem`, join(tree, "chain.pem"));
    const res = await runBin(["check", tree, ...AT], { cwd: dir });
    bounded(res);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/pipe\.pem: it is a named pipe \(FIFO\), not a regular file/);
  });
});
