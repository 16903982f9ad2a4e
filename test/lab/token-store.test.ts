import { describe, expect, it } from "vitest";
import { createTokenStore } from "../../src/lab/token-store.js";

describe("the gateway's token store", () => {
  it("drops expired tokens as new ones are issued", () => {
    let clock = 0;
    const store = createTokenStore({ ttlMs: 1000, max: 100, now: () => clock });
    for (let i = 0; i < 10; i++) store.issue(`old-${i}`, ["ob-as"]);
    clock = 1001;
    expect(store.get("old-0")).toBeUndefined();
    store.issue("new", ["ob-as"]);
    expect(store.size).toBe(1);
    expect(store.get("new")).toEqual({ scope: ["ob-as"], expires: 2001 });
  });

  it("keeps at most `max` live tokens, dropping the oldest", () => {
    const store = createTokenStore({ ttlMs: 3_600_000, max: 3, now: () => 0 });
    for (const t of ["a", "b", "c", "d", "e"]) store.issue(t, []);
    expect(store.size).toBe(3);
    expect(["a", "b", "c", "d", "e"].map((t) => Boolean(store.get(t)))).toEqual([false, false, true, true, true]);
  });
});
