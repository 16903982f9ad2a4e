import { describe, expect, it } from "vitest";
import { displayText } from "../../src/core/display-text.js";

// Every code point is escaped or kept as docs/limits.md promises: C0, DEL and C1 (\p{Cc}), the bidi
// controls, the line and paragraph separators, U+FFFE/U+FFFF, and lone surrogates.
const CONTROL = /\p{Cc}/u;
const OTHER = /[\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;

describe("displayText", () => {
  it("escapes exactly the controls (\\p{Cc}) and the other unsafe characters, over every code point", () => {
    const wrong: number[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates: below
      const c = String.fromCodePoint(code);
      const unsafe = CONTROL.test(c) || OTHER.test(c);
      if ((displayText(`a${c}b`) !== `a${c}b`) !== unsafe) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it("escapes a lone surrogate but keeps a pair", () => {
    expect(displayText("x\ud800y")).toBe("x\\ud800y");
    expect(displayText("x\ud83d\ude00y")).toBe("x\ud83d\ude00y");
    expect(displayText("a\u0085b\u009bc\u007fd")).toBe("a\\x85b\\x9bc\\x7fd");
  });
});
