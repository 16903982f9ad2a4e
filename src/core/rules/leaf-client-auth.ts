import { purposeFinding } from "../findings/leaf.js";
import { leafOf } from "../x509/end-entity.js";
import { EKU } from "../x509/oids.js";
import { certAt, type Rule } from "./rule.js";

const NS_SSL_CLIENT = 0x80;
const NS_SSL_SERVER = 0x40;

/** `--purpose client` (the default): the leaf must allow TLS client authentication. Also `leaf.server-auth` under `--purpose server`. */
export const leafClientAuth: Rule = {
  ids: ["leaf.client-auth", "leaf.server-auth"],
  check(ctx) {
    if (ctx.purpose === "any") return [];
    const leaf = leafOf(ctx.entries, ctx.chain);
    if (leaf === undefined) return [];
    const { extKeyUsage: eku, nsCertType } = ctx.entries[leaf].cert;
    const client = ctx.purpose === "client";
    // anyExtendedKeyUsage does not count: OpenSSL and the Web PKI require the specific purpose.
    if (eku && !eku.includes(client ? EKU.clientAuth : EKU.serverAuth))
      return [purposeFinding(certAt(ctx, leaf), ctx.purpose)];
    // OpenSSL's sslclient/sslserver purposes still refuse a leaf whose Netscape type leaves the use out.
    if (nsCertType !== undefined && !(nsCertType & (client ? NS_SSL_CLIENT : NS_SSL_SERVER)))
      return [purposeFinding(certAt(ctx, leaf), ctx.purpose, "netscape")];
    return [];
  },
};
