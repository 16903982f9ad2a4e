// Bounds on what one input may cost. Named in docs/limits.md; each has a clear message when hit.
export const LIMITS = {
  /** bytes per input file; real chains are a few KiB */
  maxInputBytes: 4 * 1024 * 1024,
  /** bytes of a config, ClientSecret or password file: a few lines of text */
  maxSmallFileBytes: 64 * 1024,
  /** directory levels below a directory named on the command line */
  maxWalkDepth: 32,
  /** PEM blocks per input */
  maxBlocks: 500,
  /**
   * certificates read from one PKCS#7 bundle: the PEM block limit, since a scan judges a .p7b as the PEM it
   * unpacks to (and a chain holds two to four)
   */
  maxPkcs7Certificates: 500,
  /** characters per line */
  maxLineLength: 64 * 1024,
  /** certificates on one path, leaf to root */
  maxChainDepth: 16,
  /** same-name issuers whose signature is tried for one certificate */
  maxIssuerCandidates: 16,
  /** paths from the leaf to a root that are compared when a CA is in the file twice (cross-signed) */
  maxPaths: 8,
  /** names × name constraints compared for one certificate (x509-limbo's nc-dos shapes go far beyond) */
  maxNameConstraintChecks: 1 << 20,
  /** the same comparisons for all (certificate, CA) pairs of one input together: a 16-deep path has 120 pairs */
  maxNameConstraintChecksPerInput: 1 << 21,
  /** bits of an RSA public exponent: BoringSSL refuses more than 33, and the cost of a verification grows with them */
  maxRsaExponentBits: 33,
  /** bits of an RSA modulus that a signature is verified with: OpenSSL's own bound (OPENSSL_RSA_MAX_MODULUS_BITS) */
  maxRsaModulusBits: 16384,
  /** signature verifications per input, counted in RSA-2048 verifications (a 4096-bit key costs 4) */
  maxSignatureWork: 16384,
  /** key-derivation iterations of one PKCS#12 derivation (MAC, encrypted bag, shrouded key): writers use 1 to 10,000 */
  maxPkcs12Iterations: 100_000,
  /** the same for all derivations of one PKCS#12 file together */
  maxPkcs12IterationsPerFile: 400_000,
  /** nesting of a Kubernetes Secret (YAML or JSON): kubectl's deepest, managedFields, is about 10 */
  maxSecretDepth: 64,
  /** YAML tokens (keys, values, indicators) of one Secret input: the YAML parser takes about 40 µs for each */
  maxSecretNodes: 50_000,
} as const;
