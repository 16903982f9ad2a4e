import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { type Io, readStream } from "../../src/cli/io.js";
import { runLine } from "../../src/cli/main.js";
import { assertValidJsonOutput } from "./json-schemas.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = `${ROOT}fixtures/`;
export const BIN = `${ROOT}bin/connectpay-cert.js`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  stdin?: Buffer | string;
  env?: Record<string, string>;
  tty?: boolean;
  columns?: number;
  cwd?: string;
  /** the entry to run: by default the one bin/ runs (a common check takes the lean path, lean-check.ts) */
  entry?: (argv: string[], io: Io) => Promise<number>;
}

/** An Io that prints nothing and reads nothing: for building the commander program in a test. */
export function quietIo(): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => Buffer.alloc(0),
    env: {},
    cwd: ROOT,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
  };
}

/** Runs the CLI in-process with captured output, as a user at a non-TTY would see it. */
export async function runCli(argv: string[], opts: CliOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: (limit) => readStream(Readable.from([Buffer.from(opts.stdin ?? "")]), limit),
    env: opts.env ?? {},
    cwd: opts.cwd ?? ROOT,
    stdoutIsTTY: Boolean(opts.tty),
    stderrIsTTY: Boolean(opts.tty),
    stdinIsTTY: false,
    stderrColumns: opts.columns,
  };
  const code = await (opts.entry ?? runLine)(argv, io);
  assertValidJsonOutput(argv, stdout);
  return { code, stdout, stderr };
}

/** Finding ids in a `--json` document, sorted; info findings only when asked for. */
export function ids(stdout: string, opts: { withInfo?: boolean } = {}): string[] {
  const doc = JSON.parse(stdout);
  return doc.results
    .flatMap((r: { findings: { id: string; severity: string }[] }) => r.findings)
    .filter((f: { severity: string }) => opts.withInfo || f.severity !== "info")
    .map((f: { id: string }) => f.id)
    .sort();
}
