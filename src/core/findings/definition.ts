import type { Severity } from "./finding.js";

/**
 * Everything the tool says about one finding id, as docs/findings.md, `explain` and SARIF's rule help read
 * it: its entry with its texts (registry.ts). Texts a user reads (`explain`, SARIF) must stand alone: no
 * repository paths, no issue numbers.
 */
export type FindingDefinition = FindingEntry & FindingTexts;

/**
 * One finding id as its group's file (src/core/findings/<group>.ts) writes it, beside the functions that build
 * its messages: what a run needs, the severity. Its texts sit below it in the same file, in the group's one
 * texts function (GroupTexts), built only when docs, `explain` or SARIF read them: a `check` neither compiles
 * nor allocates them. A function per id instead cost each cold `check` ~1.8M instructions of closures and
 * property stores (callgrind); plain fields, ~80 page faults.
 */
export interface FindingEntry {
  severity: Severity;
  /** Only for ids whose severity depends on context: the other severity and when it applies. */
  escalation?: { severity: Severity; when: string };
}

/** A group's texts: one per id of its definitions, no more, no fewer. */
export type GroupTexts<D> = { [K in keyof D]: FindingTexts };

export interface FindingTexts {
  /** a few words, for headings */
  title: string;
  /** when it fires, in a table cell (the "when" column of docs/findings.md's summary) */
  summary: string;
  /** when it fires, precisely */
  description: string;
  /** why ConnectPay (or the chain's validity with ConnectPay) is affected */
  why: string;
  /** what to do (the last column of docs/findings.md's summary) */
  fix: string;
  /** what it enforces: ConnectPay's documentation, an RFC section, a CA/B rule */
  source: string;
  /** a message exactly as the tool prints it for `exampleFrom` (for `explain` and docs/findings.md) */
  example: string;
  /** where `example` comes from; test/core/findings/examples.test.ts proves the code prints exactly `example` there */
  exampleFrom: ExampleSource;
  /** which summary table of docs/findings.md lists it: the findings of `check` (the bundle) or of `probe` (network, revocation, key file) */
  group: "check" | "probe";
}

/** A certificate of the input as a message names it: its 0-based index and "Certificate 2 (CN=…)". */
export interface CertAt {
  index: number;
  name: string;
}

/**
 * `check`: the arguments of `check --json` (paths from the repository root; `--at 2030-01-01` unless they
 * give one) that print the example. `test`: no committed file can produce it (the network, a file mode, a
 * file too large to commit), so the named test in test/core/findings/ builds it from its facts.
 */
export type ExampleSource = { readonly check: readonly string[] } | { readonly test: string };
