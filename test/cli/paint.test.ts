import { Chalk, type ChalkInstance } from "chalk";
import { describe, expect, it } from "vitest";
import { painter } from "../../src/cli/paint.js";

// The stand-in used when colour is off must print exactly what chalk at level 0 prints.
const calls: [string, (c: ChalkInstance) => unknown][] = [
  ["one string", (c) => c.red("x")],
  ["a chain", (c) => c.green.bold.underline("accepted")],
  ["several arguments", (c) => c.dim("a", "b", 3)],
  ["a number", (c) => c.cyan(42)],
  ["undefined and null", (c) => `${c.red(undefined)}|${c.red(null)}`],
  ["no argument", (c) => c.bold()],
  ["an object", (c) => c.yellow({ a: 1 })],
  ["nested", (c) => c.red(`a ${c.bold("b")} c`)],
  ["a tagged template", (c) => c.blue`x ${1} y`],
  ["visible", (c) => c.visible("x")],
  ["colour models", (c) => c.rgb(1, 2, 3).bold("x") + c.hex("#fff")("y") + c.bgAnsi256(3)("z")],
  ["level", (c) => c.level],
];

describe("painter(0)", () => {
  it("prints what new Chalk({ level: 0 }) prints, for every call pattern", async () => {
    const plain = await painter(0);
    const chalk = new Chalk({ level: 0 });
    for (const [, call] of calls) expect(call(plain)).toEqual(call(chalk));
  });

  it("is not a thenable, so an async function can return it", async () => {
    const plain = await painter(0);
    expect((plain as unknown as { then?: unknown }).then).toBeUndefined();
  });

  it("colours at level 1", async () => {
    expect((await painter(1)).red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
