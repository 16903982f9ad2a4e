import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBlock, type PemBlock } from "../../src/core/input/pem.js";

/** decodeBlock as it was before issue 16 tested the whole body first: every line, then the joined body. */
function lineByLine(block: PemBlock): { der: Buffer } | { badLine: number } {
  for (const l of block.base64Lines) if (!/^[A-Za-z0-9+/]*={0,2}$/.test(l.text)) return { badLine: l.line };
  const joined = block.base64Lines.map((l) => l.text).join("");
  if (joined.length === 0 || joined.length % 4 !== 0 || /=[^=]/.test(joined))
    return { badLine: block.base64Lines.at(-1)?.line ?? block.line };
  return { der: Buffer.from(joined, "base64") };
}

const line = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9+/=!-]{1,8}$/),
  fc.stringMatching(/^[A-Za-z0-9+/]{4,8}$/),
  fc.constantFrom("=", "==", "AA==", "AAA=", "A="),
);
const block = (texts: string[]): PemBlock => ({
  number: 1,
  label: "CERTIFICATE",
  line: 1,
  base64Lines: texts.map((text, i) => ({ text, line: i + 2 })),
  headers: false,
  closed: true,
  endLabel: "CERTIFICATE",
});

describe("decodeBlock", () => {
  it("names the same bad line and decodes the same bytes as a line-by-line check", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), (texts) => {
        expect(decodeBlock(block(texts))).toEqual(lineByLine(block(texts)));
      }),
    );
    for (const texts of [
      ["AB=", "CD"],
      ["AB=", "="],
      ["ABC", "D==="],
      ["AB==", "ABCD"],
      ["QUJD", "RA=="],
    ])
      expect(decodeBlock(block(texts))).toEqual(lineByLine(block(texts)));
  });
});
