/** What an issued Bearer token grants, and until when (epoch ms). */
export interface Token {
  scope: string[];
  expires: number;
}

export interface TokenStore {
  issue(access: string, scope: string[]): void;
  /** the token's grant while it is live; undefined once it expired or was dropped */
  get(access: string): Token | undefined;
  readonly size: number;
}

export interface TokenStoreOptions {
  ttlMs: number;
  /** live tokens kept at most; the oldest is dropped first (without a bound the map grew without end under load) */
  max: number;
  now?: () => number;
}

/**
 * The gateway's issued tokens. Every token lives equally long, so insertion order is expiry order: pruning
 * from the front on each issue drops exactly the expired ones, and the cap bounds memory within the TTL.
 */
export function createTokenStore({ ttlMs, max, now = Date.now }: TokenStoreOptions): TokenStore {
  const tokens = new Map<string, Token>();
  const prune = () => {
    for (const [access, t] of tokens) {
      if (t.expires >= now() && tokens.size < max) break;
      tokens.delete(access);
    }
  };
  return {
    issue(access, scope) {
      prune();
      tokens.set(access, { scope, expires: now() + ttlMs });
    },
    get(access) {
      const t = tokens.get(access);
      return t && t.expires >= now() ? t : undefined;
    },
    get size() {
      return tokens.size;
    },
  };
}
