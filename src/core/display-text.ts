/**
 * Characters that must never reach a terminal or a CI log raw from untrusted text (a certificate field,
 * a file name, a server's answer): C0 controls (a newline starts a new GitHub workflow command such as
 * `::add-mask::`), DEL, C1 controls (U+009B is a one-byte CSI on some terminals), the bidi embeddings,
 * overrides and isolates that reorder what is shown (Unicode TR9 §2, "Trojan Source", CVE-2021-42574), the
 * line and paragraph separators, and what XML 1.0 §2.2 cannot carry at all: U+FFFE, U+FFFF and lone
 * surrogates.
 */
// C0, DEL and C1 (exactly \p{Cc}, which Unicode keeps fixed) spelled as ranges: \p{Cc} made V8 build the set from
// ICU's property tables, ~0.5 ms of every cold start (callgrind: 1.2M instructions of 65M). With the u flag a
// surrogate range matches lone surrogates only.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is what this is for.
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]/gu;

/**
 * CI log commands that act without any control character. The Azure Pipelines agent runs `##vso[…]`
 * found anywhere in a line (and formats `##[error]` and the like); the GitHub Actions runner runs
 * `::name::` at the start of a line once leading white space is trimmed, and its older `##[name]` form
 * anywhere in a line. The second `#` and the first `:` are shown as escapes, so the text still reads the
 * same and no runner sees a command.
 */
const HASH_COMMAND = /##(?=(?:vso)?\[)/gi;
const COLON_COMMAND = /(^|[\n\r])(\s*):/g;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function visible(c: string): string {
  const code = c.charCodeAt(0);
  if (NAMED[c]) return NAMED[c];
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * Untrusted text made safe to show: every unsafe character becomes a visible escape (`\n`, `\x1b`,
 * `\u202e`), so nothing is hidden and nothing acts, and CI log commands are broken up (`#\x23vso[`,
 * `\x3a:add-mask::` at the start of the text or of a kept line). `keep` lists characters a format escapes
 * its own way (GitHub's `%0A`, XML's tab and newline). A backslash is left as it is: this is for reading,
 * not a reversible encoding (JSON output carries the raw values).
 */
export function displayText(text: string, keep = ""): string {
  return text
    .replace(UNSAFE, (c) => (keep.includes(c) ? c : visible(c)))
    .replace(HASH_COMMAND, "#\\x23")
    .replace(COLON_COMMAND, "$1$2\\x3a");
}
