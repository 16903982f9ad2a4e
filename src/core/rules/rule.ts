import type { KeyObject } from "node:crypto";
import type { ChainAnalysis } from "../chain/chain.js";
import type { TrustStatus } from "../chain/trust.js";
import type { CertAt } from "../findings/definition.js";
import type { Finding, FindingId } from "../findings/finding.js";
import type { BundleEntry } from "../input/read-bundle.js";
import type { CertCache } from "../x509/cert-cache.js";
import type { Certificate } from "../x509/certificate.js";
import { certLabel } from "../x509/certificate.js";
import type { ExpiryThreshold } from "../x509/validity.js";

export interface RuleContext {
  entries: BundleEntry[];
  chain: ChainAnalysis;
  /** the run's: what rules work out about a CA from it alone is worked out once per run (CertCache.ofCa) */
  cache: CertCache;
  /** evaluation instant for validity (`--at`) */
  at: Date;
  /** a number of days, or a share of each certificate's lifetime (`--warn-days 20%`) */
  warnDays: ExpiryThreshold;
  failDays?: ExpiryThreshold;
  /** public half of `--key`, when given */
  leafKey?: KeyObject;
  /** whether CA certificates count for expiry (`--scope`) */
  scope: "chain" | "leaf";
  /** the leaf's required extended key usage (`--purpose`, default client) */
  purpose: "client" | "server" | "any";
  /** set when `--trust` anchors were given */
  trust?: TrustStatus;
  /** `--registered`: the leaf of the certificate ConnectPay has attached to the DevApp */
  registered?: Certificate;
  registeredFile?: string;
  /** revocation is asked online (`--online`, probe): what is missing for it is reported there */
  online?: boolean;
}

/**
 * A check over a parsed bundle. Its ids are defined, and their messages built, in the file of their group
 * (src/core/findings/<group>.ts); `ids` names the ones this check emits.
 */
export interface Rule {
  ids: readonly FindingId[];
  check: (ctx: RuleContext) => Finding[];
}

export function describeCert(ctx: RuleContext, index: number): string {
  const cert = ctx.entries[index].cert;
  const name = certLabel(cert) || "empty subject";
  return `Certificate ${index + 1} (${name})`;
}

/** Certificate `index` as the finding builders of src/core/findings/ take it. */
export function certAt(ctx: RuleContext, index: number): CertAt {
  return { index, name: describeCert(ctx, index) };
}

/** Issuing certificates on the path: everything above the leaf. */
export function issuingIndices(ctx: RuleContext): number[] {
  return ctx.chain.path.slice(1);
}
