/** Key types `csr` makes: what public CAs issue client certificates for and current TLS stacks take. */
export const KEY_TYPES = ["ec-p256", "rsa-3072", "rsa-2048"] as const;
export type KeyType = (typeof KEY_TYPES)[number];
