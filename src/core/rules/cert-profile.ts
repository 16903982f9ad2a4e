import { finding } from "../findings/finding.js";
import type { FindingId } from "../findings/registry.js";
import type { Certificate } from "../x509/certificate.js";
import { keyUsageKeyTypeProblems, nameTypeProblems, sanSyntaxProblems, UB_COMMON_NAME } from "../x509/lint.js";
import { EKU, OID } from "../x509/oids.js";
import { describeCert, type Rule, type RuleContext } from "./rule.js";

// RFC 5280 / CA/B profile rules that lenient validators (OpenSSL without -x509_strict, as web servers
// run it) do not enforce. Reported as warnings so they never block a chain ConnectPay would take; the
// x509-limbo conformance test counts them as failures ("profile" is a strictness policy there).
// One id per defect, so a user can look each up and a config can switch each; they run per certificate in this order, so a certificate's problems
// stay together in the report.
interface ProfileCheck {
  id: FindingId;
  problem: (c: Certificate, isCa: boolean, selfSigned: boolean) => string | undefined;
}

const critical = (c: Certificate, oid: string) => c.extensions.find((e) => e.oid === oid)?.critical;

/** "problems: a; b" or undefined when the list is empty. */
const listed = (what: string, problems: string[]) => (problems.length ? `${what}: ${problems.join("; ")}` : undefined);

// Roots are exempt: trusted roots with serial 0 exist (Starfield Root G2) and validators take them.
// At most one serial defect is reported, the first of negative, zero, too long.
function serialDefect(c: Certificate, self: boolean): "negative" | "zero" | "too-long" | undefined {
  if (self) return undefined;
  const b = c.serialBytes;
  if (b[0] & 0x80) return "negative";
  if (b.every((x) => x === 0)) return "zero";
  return b.length > 20 ? "too-long" : undefined;
}

const CHECKS: ProfileCheck[] = [
  {
    id: "cert.old-version",
    problem: (c) =>
      c.version !== 3 ? `is an X.509 v${c.version} certificate; v3 is required for extensions (§4.1.2.1)` : undefined,
  },
  {
    id: "cert.serial-negative",
    problem: (c, _ca, self) =>
      serialDefect(c, self) === "negative" ? "has a negative serial number (§4.1.2.2)" : undefined,
  },
  {
    id: "cert.serial-zero",
    problem: (c, _ca, self) => (serialDefect(c, self) === "zero" ? "has serial number zero (§4.1.2.2)" : undefined),
  },
  {
    id: "cert.serial-too-long",
    problem: (c, _ca, self) =>
      serialDefect(c, self) === "too-long"
        ? `has a ${c.serialBytes.length}-octet serial number; at most 20 are allowed (§4.1.2.2)`
        : undefined,
  },
  {
    id: "cert.aki-missing",
    problem: (c, _ca, self) => (!self && !c.authorityKeyId ? "has no authority key identifier (§4.2.1.1)" : undefined),
  },
  {
    id: "cert.ski-missing",
    problem: (c, ca) => (ca && !c.subjectKeyId ? "is a CA without a subject key identifier (§4.2.1.2)" : undefined),
  },
  {
    id: "cert.key-id-critical",
    problem: (c) =>
      critical(c, OID.authorityKeyId) || critical(c, OID.subjectKeyId)
        ? "marks a key identifier extension critical (§4.2.1.1, §4.2.1.2)"
        : undefined,
  },
  {
    id: "cert.aia-critical",
    problem: (c) =>
      critical(c, OID.authorityInfoAccess) ? "marks authority information access critical (§4.2.2.1)" : undefined,
  },
  {
    id: "cert.basic-constraints-not-critical",
    problem: (c, ca) =>
      ca && critical(c, OID.basicConstraints) === false
        ? "is a CA whose basicConstraints is not critical (§4.2.1.9)"
        : undefined,
  },
  {
    id: "cert.key-cert-sign-not-ca",
    problem: (c) =>
      c.keyUsage?.includes("keyCertSign") && !c.basicConstraints?.ca
        ? "asserts keyCertSign without being a CA (§4.2.1.3)"
        : undefined,
  },
  {
    id: "cert.ca-subject-empty",
    problem: (c, ca) => (ca && c.subject === "" ? "is a CA with an empty subject (§4.1.2.6)" : undefined),
  },
  {
    id: "cert.san-not-critical",
    problem: (c) =>
      c.subject === "" && critical(c, OID.subjectAltName) === false
        ? "has an empty subject and a non-critical subjectAltName (§4.2.1.6)"
        : undefined,
  },
  {
    id: "cert.name-constraints-not-critical",
    problem: (c) =>
      critical(c, OID.nameConstraints) === false
        ? "has a non-critical nameConstraints extension, which must be critical (§4.2.1.10)"
        : undefined,
  },
  {
    id: "cert.name-constraints-not-ca",
    problem: (c) =>
      critical(c, OID.nameConstraints) !== undefined && !c.basicConstraints?.ca
        ? "has nameConstraints but is not a CA (§4.2.1.10)"
        : undefined,
  },
  {
    id: "cert.san-dns-invalid",
    problem: (c) =>
      c.sanDns.some((d) => /^[\d.]+$|:|_/.test(d))
        ? "has a subjectAltName dNSName that is an IP address or contains '_' (§4.2.1.6)"
        : undefined,
  },
  {
    id: "cert.key-usage-key-type",
    problem: (c) => {
      const bits = keyUsageKeyTypeProblems(c);
      return bits.length
        ? `asserts ${bits.join(", ")} in its key usage, which its ${c.key.algorithm} key cannot do (RFC 3279 §2.3, RFC 5480 §3, RFC 8410 §5)`
        : undefined;
    },
  },
  {
    id: "cert.key-usage-not-critical",
    problem: (c) =>
      critical(c, OID.keyUsage) === false ? "has a key usage extension that is not critical (§4.2.1.3)" : undefined,
  },
  {
    id: "cert.path-length-not-ca",
    problem: (c) =>
      c.basicConstraints?.pathLength !== undefined && !c.basicConstraints.ca
        ? "sets a pathLenConstraint without being a CA (§4.2.1.9)"
        : undefined,
  },
  {
    id: "cert.eku-any-critical",
    problem: (c) =>
      critical(c, OID.extKeyUsage) && c.extKeyUsage?.includes(EKU.any)
        ? "marks an extended key usage holding anyExtendedKeyUsage critical (§4.2.1.12)"
        : undefined,
  },
  {
    id: "cert.common-name-too-long",
    problem: (c) =>
      [...(c.subjectCN ?? "")].length > UB_COMMON_NAME
        ? `has a ${[...(c.subjectCN ?? "")].length}-character common name; X.520 allows at most ${UB_COMMON_NAME} (ub-common-name, RFC 5280 Appendix A)`
        : undefined,
  },
  {
    id: "cert.name-string-type",
    problem: (c) => listed("has a subject whose strings break RFC 5280 §4.1.2.4", nameTypeProblems(c.subjectDer)),
  },
  {
    id: "cert.san-syntax",
    problem: (c) => listed("has subjectAltName entries with invalid syntax (§4.2.1.6)", sanSyntaxProblems(c)),
  },
  {
    id: "cert.ec-explicit-parameters",
    problem: (c) =>
      c.key.algorithm === "EC" && (c.key.explicitParameters || !c.key.curve)
        ? "has an EC key with explicit curve parameters instead of a named curve (RFC 5480 §2.1.1)"
        : undefined,
  },
  {
    id: "cert.dsa-key",
    problem: (c) =>
      c.key.algorithm === "DSA" ? "has a DSA key, which the Web PKI no longer allows (CA/B BR §6.1.5)" : undefined,
  },
  {
    id: "cert.rsa-modulus-size",
    problem: (c) =>
      c.key.algorithm === "RSA" && (c.key.bits ?? 0) % 8 !== 0
        ? "has an RSA modulus that is not a whole number of bytes (CA/B BR §6.1.5)"
        : undefined,
  },
];

/** The profile problems of one certificate in one role. */
function problemsOf(c: Certificate, ca: boolean, self: boolean): [FindingId, string][] {
  return CHECKS.flatMap(({ id, problem }): [FindingId, string][] => {
    const p = problem(c, ca, self);
    return p ? [[id, p]] : [];
  });
}

function profileFindings(ctx: RuleContext, i: number) {
  const c = ctx.entries[i].cert;
  const ca = Boolean(c.basicConstraints?.ca) || i !== ctx.chain.path[0];
  const self = ctx.chain.selfSigned.has(i);
  // A CA shared by every bundle of a folder is one object in the run's cache: its problems are worked out once.
  // ofCa remembers only certificates whose basicConstraints say CA, for which `ca` is true: the key needs only
  // `self`, and a constant one builds no string for every certificate.
  return ctx.cache
    .ofCa(c, self ? "profile, self-signed" : "profile", () => problemsOf(c, ca, self))
    .map(([id, p]) =>
      finding(id, {
        message: `${describeCert(ctx, i)} ${p}.`,
        certificate: i,
        hint: "Strict validators reject this; if you can, have the CA reissue the certificate.",
      }),
    );
}

export const certProfile: Rule = {
  ids: CHECKS.map((c) => c.id),
  check(ctx) {
    return ctx.chain.path.flatMap((i) => profileFindings(ctx, i));
  },
};
