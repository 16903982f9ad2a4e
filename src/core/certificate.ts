// Certificate parsing lives in ./x509/certificate.ts. This re-export only keeps src/cli/revocation.ts
// compiling until it moves into core (issue 11): delete it in that move, importing ./x509/ instead.
export { type Certificate, certLabel } from "./x509/certificate.js";
