// Telling a keystore by its first four bytes, apart from the reader (java-keystore.ts): `check` asks this of
// every input, and a plain PEM run should not load, nor cache the compiled code of, the reader it never uses.

export const JKS_MAGIC = 0xfeedfeed;
export const JCEKS_MAGIC = 0xcececece;

export function keystoreType(bytes: Buffer): "JKS" | "JCEKS" | undefined {
  if (bytes.length < 4) return undefined;
  const magic = bytes.readUInt32BE(0);
  return magic === JKS_MAGIC ? "JKS" : magic === JCEKS_MAGIC ? "JCEKS" : undefined;
}
