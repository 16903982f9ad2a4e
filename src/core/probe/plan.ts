import type { ProbeConfig } from "./config.js";

export type ProbeStepId = "check" | "revocation" | "ca-names" | "connect" | "tls" | "http" | "public" | "separation";

/** The steps after the offline check, each run by an executor in src/cli/commands/probe/steps.ts. */
export type NetworkStepId = Exclude<ProbeStepId, "check">;

export interface PlannedStep {
  id: NetworkStepId;
  /** what the spinner says while the step runs */
  label: string;
  /** what its closing line starts with, when not the label */
  doneLabel?: string;
  /** the step runs only when this earlier step passed */
  after: ProbeStepId;
}

/** The steps that present the client certificate to the mTLS host. */
const MTLS_STEPS: ProbeStepId[] = ["connect", "tls", "http"];

/**
 * The network steps, in order, that follow the offline check (step "check", always first). Nothing
 * touches the network unless the bundle and key pass check (or the user asks to connect anyway); each
 * mTLS step needs the one before it.
 */
export function planProbe(config: ProbeConfig, request: { method: string; path: string }): PlannedStep[] {
  const { mtls } = config;
  const steps: PlannedStep[] = [
    {
      id: "revocation",
      label: "Revocation (OCSP) of the leaf and intermediates",
      doneLabel: "revocation",
      after: "check",
    },
    { id: "connect", label: `DNS and TCP ${mtls.host}:${mtls.port}`, after: "check" },
    // Only a reachable server can list CA names; before connect, a failure here would only repeat connect's.
    { id: "ca-names", label: "CA names the server accepts", doneLabel: "ca-names", after: "connect" },
    { id: "tls", label: "TLS handshake with the client certificate", after: "connect" },
    { id: "http", label: `Basic-auth ${request.method} ${request.path}`, after: "tls" },
  ];
  const pub = config.public;
  // The 1-way host answers without a client certificate; the mTLS host must not.
  if (pub)
    steps.push(
      { id: "public", label: `1-way TLS ${pub.host}:${pub.port} without a client certificate`, after: "check" },
      { id: "separation", label: `${mtls.host} refuses requests without a client certificate`, after: "check" },
    );
  return steps;
}

export function isMtlsStep(id: ProbeStepId): boolean {
  return MTLS_STEPS.includes(id);
}
