import { rootCertificates } from "node:tls";
import { keysOfRoot, pemDer } from "./root-key.js";

/**
 * The Mozilla roots compiled into Node, as name-and-key hashes. The build (scripts/build.mjs) runs this
 * module once and puts its result into the bundle as a literal table, so the CLI never loads node:tls
 * (and net, stream…) nor parses the store to answer "is this a public root?" (issue 16). The table is
 * therefore the store of the Node that built the package; tests, which run src/, read the running Node's.
 */
export const MOZILLA_ROOT_KEYS: ReadonlySet<string> = new Set(
  rootCertificates.flatMap((pem) => keysOfRoot(pemDer(pem))),
);
