import { displayText } from "../core/display-text.js";
import type { Io } from "./io.js";

/**
 * Every form in which a server may echo the ClientSecret back: raw, JSON- and URL-escaped, shown by
 * displayText, base64 alone and inside the Basic credentials it was sent in (RFC 7617 §2). Forms under 4
 * characters are left alone: masking "ab" everywhere would garble the report and hide nothing useful.
 */
export function secretForms(clientKey: string, secret: string): string[] {
  const forms = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    displayText(secret),
    Buffer.from(secret).toString("base64"),
    Buffer.from(`${clientKey}:${secret}`).toString("base64"),
  ];
  // Longest first, so a form that contains another is masked whole.
  return [...new Set(forms)].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/**
 * The Io of a probe run with the secret masked in every byte written to stdout and stderr (verbose log,
 * spinner, report), not only in the final document: the server decides what its answer holds. Each write
 * is a whole line or document, so a secret is never split between two writes.
 */
export function scrubbingIo(io: Io, forms: string[]): Io {
  const scrub = (text: string) => forms.reduce((t, form) => t.replaceAll(form, "****"), text);
  const wrapped: Io = Object.create(io);
  wrapped.stdout = (text) => io.stdout(scrub(text));
  wrapped.stderr = (text) => io.stderr(scrub(text));
  return wrapped;
}
