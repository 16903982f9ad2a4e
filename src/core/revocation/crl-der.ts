import { children, content, decodeOid, type Tlv } from "../x509/der.js";

/** A CRL that cannot be read, or (caught by parseCrl) one that cannot be used. */
export class CrlError extends Error {}

/** One Extension (RFC 5280 §4.1): its OID, criticality (DER: absent when FALSE) and OCTET STRING value. */
export function extensionParts(der: Buffer, ext: Tlv): { oid: string; critical: boolean; value: Buffer } {
  const parts = children(der, ext);
  const [id, maybeCritical] = parts;
  const hasCritical = maybeCritical?.tag === 0x01;
  const octets = parts[hasCritical ? 2 : 1];
  if (ext.tag !== 0x30 || id?.tag !== 0x06 || octets?.tag !== 0x04 || parts.length !== (hasCritical ? 3 : 2))
    throw new CrlError("an extension is not an OID and an OCTET STRING");
  if (hasCritical && (maybeCritical.end - maybeCritical.contentStart !== 1 || der[maybeCritical.contentStart] !== 0xff))
    throw new CrlError("an extension's critical flag is not DER TRUE");
  return { oid: decodeOid(content(der, id)), critical: hasCritical, value: Buffer.from(content(der, octets)) };
}
