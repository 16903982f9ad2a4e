import { describe, expect, it } from "vitest";
import { keyFileFinding, limitFinding, unreadableFinding } from "../../../src/core/findings/read.js";
import { runCli } from "../../helpers/cli.js";
import { expectExample } from "./expect-example.js";

describe("reading findings", () => {
  it("format.private-key: a key block in the chain, named by block and line", async () => {
    const res = await runCli(["check", "fixtures/format/with-private-key.pem", "--json", "--at", "2030-01-01"]);
    const [f] = JSON.parse(res.stdout).results[0].findings.filter((x: { id: string }) => x.id === "format.private-key");
    expect(f.message).toMatch(/^Block \d+ \(line \d+\) is a PRIVATE KEY\. /);
    expect(f.certificate).toBeUndefined();
  });

  // An unreadable path, a key file found by a scan and a file over the size limit have no committed fixture.
  it("inputs that are not a chain", () => {
    expectExample("input.unreadable", unreadableFinding("cannot read certs/client.pem: no such file."));
    expectExample("input.key-file", keyFileFinding("certs/client.key"));
    expectExample("format.limit-exceeded", limitFinding("is over 1048576 bytes"));
  });
});
