import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  kdfIterationsFinding,
  keyFileFinding,
  limitFinding,
  unreadableFinding,
} from "../../../src/core/findings/read.js";
import { assertPkcs12Cost, Pkcs12CostError } from "../../../src/core/input/pkcs12-cost.js";
import { FIXTURES, runCli } from "../../helpers/cli.js";
import { pkcs12WithMacIterations } from "../../hostile/costly-inputs.js";
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

  // forge would spend the iterations making such a file: test/hostile/costly-inputs.ts rewrites a cheap one's MAC.
  it("format.kdf-iterations: the refusal of a 2^40-iteration PKCS#12 MAC, before any derivation", () => {
    const rsaLeaf = readFileSync(`${FIXTURES}key/rsa-1024.pem`, "utf8");
    let refused: Pkcs12CostError | undefined;
    try {
      assertPkcs12Cost(pkcs12WithMacIterations(rsaLeaf, 2n ** 40n));
    } catch (err) {
      refused = err as Pkcs12CostError;
    }
    expect(refused).toBeInstanceOf(Pkcs12CostError);
    expectExample("format.kdf-iterations", kdfIterationsFinding(refused?.problem ?? ""));
  });
});
