import { describe, expect, it } from "vitest";
import { batchedWriter } from "../../src/cli/batched-writer.js";

// Issue 16: check writes its report in large pieces, never later than the run waits on the outside world.
describe("batchedWriter", () => {
  it("holds small writes until the limit or a flush, and writes them in order", () => {
    const written: string[] = [];
    const out = batchedWriter((t) => written.push(t), 10);
    out.write("abc");
    out.write("def");
    expect(written).toEqual([]);
    out.write("ghij");
    expect(written).toEqual(["abcdefghij"]);
    out.write("k");
    out.flush();
    out.flush();
    expect(written).toEqual(["abcdefghij", "k"]);
  });

  it("writes what it holds once the event loop is free (a prompt or the network is waited on)", async () => {
    const written: string[] = [];
    const out = batchedWriter((t) => written.push(t));
    out.write("result 1\n");
    await new Promise((done) => setImmediate(done));
    expect(written).toEqual(["result 1\n"]);
  });

  it("without a scheduler (a run of one input), writes only at the limit or a flush", async () => {
    const written: string[] = [];
    const out = batchedWriter((t) => written.push(t), 10, null);
    out.write("result 1\n");
    await new Promise((done) => setImmediate(done));
    expect(written).toEqual([]);
    out.flush();
    expect(written).toEqual(["result 1\n"]);
  });

  it("keeps the error of a write made once the event loop was free, for the run's next write or flush", async () => {
    const full = new Error("cannot write to standard output: no space left on device (ENOSPC).");
    const out = batchedWriter(() => {
      throw full;
    });
    out.write("result 1\n");
    // Thrown here it would be an uncaught exception (a stack trace and exit 1), which vitest reports.
    await new Promise((done) => setImmediate(done));
    expect(() => out.write("result 2\n")).toThrow(full);
    expect(() => out.flush()).toThrow(full);
  });
});
