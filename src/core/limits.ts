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
} as const;
