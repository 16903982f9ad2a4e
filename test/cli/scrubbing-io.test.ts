import { describe, expect, it } from "vitest";
import { redactBody } from "../../src/cli/commands/probe/call.js";
import { secretMask } from "../../src/cli/scrubbing-io.js";

// Issue 25: every spelling a server could reasonably echo the ClientSecret in is masked.
const SECRET = 'Hostile-S3cret"/é <ok>&+x';
const mask = secretMask("app-1", SECRET);
const html = (s: string) =>
  [...s].map((c) => (/[A-Za-z0-9]/.test(c) ? c : `&#x${c.codePointAt(0)?.toString(16)};`)).join("");
const base64At = (prefix: string, url = false) => Buffer.from(prefix + SECRET).toString(url ? "base64url" : "base64");

describe("secretMask", () => {
  it.each([
    ["raw", SECRET],
    ["JSON with \\/ and \\u00e9", JSON.stringify(SECRET).slice(1, -1).replace("/", "\\/").replace("é", "\\u00e9")],
    [
      "JSON with every character escaped, upper-case hex",
      [...SECRET].map((c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`).join(""),
    ],
    ["percent-encoded, upper case", encodeURIComponent(SECRET)],
    ["percent-encoded, lower case", encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ["form-encoded (space as +)", encodeURIComponent(SECRET).replace(/%20/g, "+")],
    ["every byte percent-encoded", [...Buffer.from(SECRET)].map((b) => `%${b.toString(16)}`).join("")],
    ["HTML hex entities", html(SECRET)],
    [
      "HTML named and decimal entities",
      SECRET.replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace("é", "&#233;"),
    ],
    ["base64", base64At("")],
    ["base64 at offset 1", base64At("x")],
    ["base64 at offset 2", base64At("xy")],
    ["base64url at offset 1", base64At("x", true)],
    ["base64url at offset 2", base64At("ab", true)],
    ["the Basic credentials", Buffer.from(`app-1:${SECRET}`).toString("base64")],
    ["base64 in JSON with \\/", JSON.stringify(base64At("q")).slice(1, -1).replace(/\//g, "\\/")],
  ])("%s", (_what, echoed) => {
    const out = mask(`before ${echoed} after`);
    expect(out).toContain("****");
    expect(out).toMatch(/^before /);
    expect(out).toMatch(/ after$/);
    // At most the characters that also depend on the bytes around the secret are left, and padding.
    expect(out.replace("****", "").length).toBeLessThanOrEqual("before  after".length + 7);
  });

  it("leaves other text alone, and a secret under 4 characters unmasked", () => {
    expect(mask("nothing secret here")).toBe("nothing secret here");
    expect(secretMask("k", "abc")("abc abc")).toBe("abc abc");
  });
});

describe("redactBody (probe --verbose)", () => {
  it("masks before it cuts: a secret echoed across the 500th character is not shown in part", () => {
    const body = `${"x".repeat(473)}${SECRET}${"y".repeat(100)}`;
    const shown = redactBody(body, mask);
    expect(shown).not.toContain(SECRET.slice(0, 8));
    expect(shown).toContain(`${"x".repeat(473)}****`);
  });
});
