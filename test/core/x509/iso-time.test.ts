import { describe, expect, it } from "vitest";
import { isoString } from "../../../src/core/x509/iso-time.js";

// isoString stands in for Date.prototype.toISOString on check's path, so it must give the very same text.
const MAX = 8.64e15; // the largest time a Date holds (ECMAScript §21.4.1.31)

describe("isoString", () => {
  it("writes every date as toISOString does, edges of each field and the whole range included", () => {
    const edges = [
      0,
      -1,
      1,
      MAX,
      -MAX,
      Date.UTC(0, 0, 1),
      Date.UTC(-1, 11, 31, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1),
      Date.UTC(2000, 1, 29, 12),
      Date.UTC(1950, 0, 1),
      Date.UTC(2049, 11, 31, 23, 59, 59),
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      -62198755200000,
      // Year 0 (Date.UTC reads 0 as 1900): its first and last milliseconds, written 0000, not +000000.
      -62167219200000,
      -62135596800001,
    ];
    // A fixed-seed walk over the range, so a failure repeats.
    let seed = 0x2f6b;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const times = [...edges, ...Array.from({ length: 20_000 }, () => Math.round((random() * 2 - 1) * MAX))];
    const wrong = times.filter((t) => isoString(new Date(t)) !== new Date(t).toISOString());
    expect(wrong).toEqual([]);
    expect(isoString(new Date(Date.UTC(2030, 0, 1)))).toBe("2030-01-01T00:00:00.000Z");
    expect(isoString(new Date(-MAX))).toBe("-271821-04-20T00:00:00.000Z");
  });

  it("throws the RangeError toISOString throws for an invalid date", () => {
    expect(() => new Date(Number.NaN).toISOString()).toThrow(RangeError);
    expect(() => isoString(new Date(Number.NaN))).toThrow(new RangeError("Invalid time value"));
  });
});
