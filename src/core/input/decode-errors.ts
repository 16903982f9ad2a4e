/** The input could not be read in any format we repair from (see decode-any.ts). */
export class DecodeError extends Error {}

/** A PKCS#12 file needs a password we do not have, or the one given is wrong. */
export class PasswordError extends Error {}

/**
 * The keystore cannot be read as asked without an --alias; the message lists every alias and its kind. Here,
 * not in java-keystore.ts, so that `check` can recognise it without loading the keystore reader.
 */
export class AliasError extends Error {
  constructor(problem: string, entries: readonly { alias: string; kind: "private-key" | "trusted-certificate" }[]) {
    const list = entries.map((e) => `${e.alias} (${e.kind === "private-key" ? "key entry" : "trusted certificate"})`);
    super(`${problem}; its aliases: ${list.join(", ") || "none"}`);
  }
}
