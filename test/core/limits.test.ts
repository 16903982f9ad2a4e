import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkBundle } from "../../src/core/check-bundle.js";
import { LIMITS } from "../../src/core/limits.js";
import { FIXTURES } from "../helpers/cli.js";

const options = { at: new Date("2030-01-01"), warnDays: 30, scope: "chain" as const, strict: false };
const good = readFileSync(`${FIXTURES}good/chain.pem`, "utf8");

describe("input limits give a clear finding instead of a hang", () => {
  it("refuses an input over the size limit", () => {
    const big = Buffer.alloc(LIMITS.maxInputBytes + 1, "A");
    const res = checkBundle(big, "big.pem", options).result;
    expect(res.findings.map((f) => f.id)).toEqual(["format.limit-exceeded"]);
    expect(res.findings[0].message).toMatch(/the limit is 4194304 bytes/);
  });

  it("refuses more PEM blocks than the limit", () => {
    const many = Buffer.from(good.repeat(Math.ceil((LIMITS.maxBlocks + 1) / 3)));
    const res = checkBundle(many, "many.pem", options).result;
    expect(res.findings.map((f) => f.id)).toEqual(["format.limit-exceeded"]);
    expect(res.findings[0].message).toMatch(/more than 500 PEM blocks/);
  });

  it("refuses an absurdly long line", () => {
    const res = checkBundle(
      Buffer.from(`${"x".repeat(LIMITS.maxLineLength + 1)}\n${good}`),
      "long.pem",
      options,
    ).result;
    expect(res.findings.map((f) => f.id)).toEqual(["format.limit-exceeded"]);
  });

  it("accepts the limit itself: 500 blocks are read", () => {
    const blocks = good.match(/-----BEGIN[\s\S]+?END CERTIFICATE-----\n/g) ?? [];
    const text = Array.from({ length: LIMITS.maxBlocks }, (_, i) => blocks[i % 3]).join("");
    const res = checkBundle(Buffer.from(text), "500.pem", options).result;
    expect(res.certificates).toHaveLength(LIMITS.maxBlocks);
    expect(res.findings.some((f) => f.id === "format.limit-exceeded")).toBe(false);
  });
});
