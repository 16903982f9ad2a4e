import { isoString } from "../x509/iso-time.js";
// How old an answer may be (RFC 6960 §4.2.2.1 and RFC 5280 §5.1.2.5 leave it to local policy).

/** Clock difference tolerated between us and whoever dated the answer. */
export const SKEW_MS = 5 * 60_000;

/**
 * An answer without nextUpdate ("newer information is always available") is trusted for this long after
 * its thisUpdate, like `openssl ocsp -status_age`: an old "good" must not stand for today.
 */
export const MAX_AGE_DAYS = 7;
export const MAX_AGE_MS = MAX_AGE_DAYS * 86_400_000;

/** Why an answer dated thisUpdate..nextUpdate cannot speak for `at`, if it cannot. */
export function staleness(thisUpdate: Date, nextUpdate: Date | undefined, at: Date): string | undefined {
  const t = at.getTime();
  if (thisUpdate.getTime() > t + SKEW_MS) return `it is dated in the future (thisUpdate ${isoString(thisUpdate)})`;
  if (nextUpdate && nextUpdate.getTime() < t - SKEW_MS)
    return `it is stale (nextUpdate ${isoString(nextUpdate)} has passed)`;
  return undefined;
}

/** Without nextUpdate, "not revoked" holds only while thisUpdate is recent. */
export function tooOldForGood(thisUpdate: Date, nextUpdate: Date | undefined, at: Date): string | undefined {
  if (nextUpdate || at.getTime() - thisUpdate.getTime() <= MAX_AGE_MS) return undefined;
  return `it has no nextUpdate and its thisUpdate ${isoString(thisUpdate)} is more than ${MAX_AGE_DAYS} days old`;
}
