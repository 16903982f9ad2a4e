/** The input could not be read in any format we repair from (see decode-any.ts). */
export class DecodeError extends Error {}

/** A PKCS#12 file needs a password we do not have, or the one given is wrong. */
export class PasswordError extends Error {}
