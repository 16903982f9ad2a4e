import { describe, expect, it } from "vitest";
import { heapGrowthGiven } from "../../src/cli/heap-growth.js";

// check over many files sets --heap-growing-percent itself, unless the user gave Node a value of their own.
describe("heapGrowthGiven", () => {
  it("sees the flag on Node's command line, in either spelling", () => {
    expect(heapGrowthGiven(["--heap-growing-percent=50"], undefined)).toBe(true);
    expect(heapGrowthGiven(["--heap_growing_percent=50"], undefined)).toBe(true);
  });

  it("sees the flag in NODE_OPTIONS among others", () => {
    expect(heapGrowthGiven([], "--max-old-space-size=512 --heap-growing-percent=20")).toBe(true);
  });

  it("does not see other heap flags", () => {
    expect(heapGrowthGiven(["--max-semi-space-size=16"], "--max-old-space-size=512")).toBe(false);
    expect(heapGrowthGiven([], undefined)).toBe(false);
  });
});
