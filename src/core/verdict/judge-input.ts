// One input's final verdict: the bundle's findings plus the findings made from what the cli observed about
// the input, weighed once by decideVerdict. The cli hands its observations here and never sets `ok` itself.

import type { BundleResult } from "../check-bundle.js";
import type { Finding } from "../findings/finding.js";
import type { CertRevocation } from "../revocation/status.js";
import {
  type FileMode,
  keyFileFinding,
  keyPermissionFinding,
  secretPermissionFinding,
  unreadableFinding,
} from "./observations.js";
import { decideVerdict, type VerdictPolicy } from "./verdict.js";

/** What the cli saw of one input: a judged bundle, a key file a scan met, or an input it could not read. */
export type ObservedInput =
  | {
      kind: "bundle";
      /** the bundle's own judgement (core/check-input.ts) */
      result: BundleResult;
      /** `--key`: the key file's mode bits (key.permissions joins every bundle of the run) */
      key?: FileMode;
      /** `--online`, `--crl-file`: the findings core/revocation made from the OCSP and CRL answers, and each certificate's status */
      revocation?: { findings: Finding[]; statuses?: CertRevocation[] };
    }
  | { kind: "key-file"; mode: FileMode }
  /** `error` is the cli's account of the read error (the run exits 2 either way); `hint` replaces the usual one */
  | { kind: "unreadable"; input: string; error: string; hint?: string };

/** The result as the run reports it, and how many findings the config file switched off. */
export interface SettledResult {
  result: BundleResult;
  silenced: number;
}

/** The final verdict on one input: its findings, those its observations call for, weighed by the run's policy. */
export function settleInput(observed: ObservedInput, policy: VerdictPolicy): SettledResult {
  const { base, findings } = collect(observed);
  const verdict = decideVerdict(findings, policy);
  // An input nobody could read is never a pass, whatever a config file switched off.
  const ok = verdict.ok && base.error === undefined;
  // Most inputs have nothing to add and no config file: the bundle's result is already the settled one, and
  // a copy of it per input was allocation (and old-generation growth) for nothing.
  if (ok === base.ok && sameFindings(verdict.findings, base.findings))
    return { result: base, silenced: verdict.silenced };
  return { result: { ...base, ok, findings: verdict.findings }, silenced: verdict.silenced };
}

function sameFindings(a: Finding[], b: Finding[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function collect(observed: ObservedInput): { base: BundleResult; findings: Finding[] } {
  if (observed.kind === "unreadable") {
    const { input, error, hint } = observed;
    return { base: empty(input, error), findings: [unreadableFinding(error, hint)] };
  }
  if (observed.kind === "key-file")
    return { base: empty(observed.mode.file), findings: [keyFileFinding(observed.mode.file), ...perms(observed.mode)] };
  const { result, key, revocation } = observed;
  const base = revocation?.statuses?.length ? withStatuses(result, revocation.statuses) : result;
  return { base, findings: [...result.findings, ...(revocation?.findings ?? []), ...perms(key)] };
}

/** Each certificate's revocation status beside its summary (check --json's `revocation`, the human evidence line). */
function withStatuses(result: BundleResult, statuses: CertRevocation[]): BundleResult {
  const certificates = result.certificates.map((c) => {
    const revocation = statuses.find((s) => s.index === c.index);
    return revocation ? { ...c, revocation } : c;
  });
  return { ...result, certificates };
}

const perms = (key?: FileMode) => permissionFindings({ key });

/** The findings the mode bits of the key and ClientSecret files call for (`check --key`, `probe`). */
export function permissionFindings(files: { key?: FileMode; secret?: FileMode }): Finding[] {
  const found = [files.key && keyPermissionFinding(files.key), files.secret && secretPermissionFinding(files.secret)];
  return found.filter((f): f is Finding => f !== undefined);
}

function empty(input: string, error?: string): BundleResult {
  return { input, ok: true, ...(error === undefined ? {} : { error }), certificates: [], path: [], findings: [] };
}
