import type { CertAt, FindingEntry, GroupTexts } from "./definition.js";
import type { Finding } from "./finding.js";
import { findingsOf } from "./make.js";

/** Whether the leaf is still the certificate attached to the DevApp (`check --registered`). */
export const REGISTRATION_FINDINGS = {
  "registration.changed": { severity: "error" },
} as const satisfies Record<string, FindingEntry>;

/** The texts of REGISTRATION_FINDINGS, built only when docs, `explain` or SARIF read them (definition.ts). */
export const REGISTRATION_TEXTS = (): GroupTexts<typeof REGISTRATION_FINDINGS> => ({
  "registration.changed": {
    title: "Not the registered certificate",
    summary:
      "with `--registered`: the leaf's serial number or CN differs from the registered certificate's (a renewal not yet sent)",
    description:
      "With --registered: the leaf's serial number or Common Name differs from those of the certificate registered with ConnectPay; the message names what differs (serial, CN, and the issuer when it changed too).",
    why: "ConnectPay's application matches the certificate in the handshake against the one attached to the DevApp by serial number and Common Name; a renewed certificate has a new serial, so it must be sent again before it is used (ConnectPay's API documentation, Certificates).",
    fix: "email the new chain with `fix --zip … --registered old.pem` and deploy it only once ConnectPay confirms",
    source:
      "ConnectPay share-qwac-certificate page (ConnectPay's API documentation): matched by serial number and Common Name; a renewed certificate must be sent again",
    example:
      "The leaf, Certificate 1 (CN=payments.acme.example), is not the certificate registered with ConnectPay: serial 7A1003C0FFEE (registered: 7A1007C0FFEE). ConnectPay matches serial number and CN, so it refuses this certificate until the new one is sent to it.",
    exampleFrom: { check: ["fixtures/good/chain.pem", "--registered", "fixtures/leaf/server-auth-only.pem"] },
    group: "check",
  },
});

const finding = findingsOf(REGISTRATION_FINDINGS);

/** `differences`: what differs from the registered certificate; `registeredFile`: for the hint's command, shell-quoted. */
export function registrationChangedFinding(
  leaf: CertAt,
  differences: readonly string[],
  registeredFile: string,
): Finding {
  return finding("registration.changed", {
    message: `The leaf, ${leaf.name}, is not the certificate registered with ConnectPay: ${differences.join("; ")}. ConnectPay matches serial number and CN, so it refuses this certificate until the new one is sent to it.`,
    certificate: leaf.index,
    hint: `Send it to ConnectPay before you deploy it: \`connectpay-cert fix FILE --zip connectpay.zip --registered ${registeredFile}\` writes the package and the email.`,
  });
}
