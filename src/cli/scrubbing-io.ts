import type { Io } from "./io.js";

/** Masks every spelling of the ClientSecret in a text; the identity when there is nothing to mask. */
export type SecretMask = (text: string) => string;

const NAMED_ENTITIES: Record<string, string> = { "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" };
const JSON_SHORT: Record<string, string> = {
  '"': '\\\\"',
  "\\": "\\\\\\\\",
  "/": "\\\\/",
  "\n": "\\\\n",
  "\r": "\\\\r",
  "\t": "\\\\t",
  "\b": "\\\\b",
  "\f": "\\\\f",
};
// A ClientSecret is a few dozen characters; a longer one is masked in its exact spellings only.
const MAX_SPELLED = 512;

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/** A hex number as a pattern that takes either case: 2f → 2[fF]. */
function hex(n: number, width = 0): string {
  return n
    .toString(16)
    .padStart(width, "0")
    .replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
}

/**
 * Every way one character may come back in a server's answer: as is, percent-encoded (either case, UTF-8
 * bytes; `+` for a space), JSON-escaped (`\/`, `\u00e9`, surrogate pairs), as an HTML entity (named,
 * decimal or hex, leading zeros allowed), or as our own visible escape (`\x1b`).
 */
function spellings(c: string): string {
  const cp = c.codePointAt(0) as number;
  const out = [escapeRegExp(c)];
  out.push([...Buffer.from(c, "utf8")].map((b) => `%${hex(b, 2)}`).join(""));
  if (c === " ") out.push("\\+");
  const units = c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [cp];
  out.push(units.map((u) => `\\\\u${hex(u, 4)}`).join(""));
  if (JSON_SHORT[c]) out.push(JSON_SHORT[c]);
  if (cp < 0x100) out.push(`\\\\x${hex(cp, 2)}`);
  out.push(`&#0*${cp};`, `&#[xX]0*${hex(cp)};`);
  if (NAMED_ENTITIES[c]) out.push(`&${NAMED_ENTITIES[c]};`);
  if (c === "'") out.push("&#0*39;");
  return `(?:${out.join("|")})`;
}

function spelledPattern(form: string): string {
  return [...form].map(spellings).join("");
}

/**
 * The base64 (and base64url) text of `secret` wherever it sits in a longer encoded value (`ClientKey:secret`
 * in the Basic credentials, a JSON document, a token): for each of the three byte alignments, the characters
 * that depend on the secret's bytes alone.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const out: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64");
    const from = Math.ceil((offset * 8) / 6);
    const to = Math.floor(((offset + bytes.length) * 8) / 6);
    const form = encoded.slice(from, to);
    out.push(form, form.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return out;
}

/**
 * Every form in which a server may echo the ClientSecret back: raw, JSON- and URL-escaped in any case,
 * as HTML entities, shown by displayText, and base64 or base64url at any offset (alone, inside the Basic
 * credentials it was sent in, RFC 7617 §2, or inside any other encoded value). Forms under 4 characters
 * are left alone: masking "ab" everywhere would garble the report and hide nothing useful.
 */
export function secretMask(clientKey: string | undefined, secret: string): SecretMask {
  if (secret.length < 4) return (text) => text;
  const forms = [secret, ...base64Forms(secret)];
  if (clientKey !== undefined) forms.push(Buffer.from(`${clientKey}:${secret}`).toString("base64"));
  // Longest first, so a form that contains another is masked whole.
  const unique = [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
  const spelled = secret.length <= MAX_SPELLED;
  const pattern = new RegExp(unique.map((f) => (spelled ? spelledPattern(f) : escapeRegExp(f))).join("|"), "g");
  return (text) => text.replace(pattern, "****");
}

/**
 * The Io of a probe run with the secret masked in every byte written to stdout and stderr (verbose log,
 * spinner, report), not only in the final document: the server decides what its answer holds. Each write
 * is a whole line or document, so a secret is never split between two writes.
 */
export function scrubbingIo(io: Io, mask: SecretMask): Io {
  const wrapped: Io = Object.create(io);
  wrapped.stdout = (text) => io.stdout(mask(text));
  wrapped.stderr = (text) => io.stderr(mask(text));
  return wrapped;
}
