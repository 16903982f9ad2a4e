import type { KeyObject } from "node:crypto";
import { basename, extname } from "node:path";
import { buildPkcs12 } from "../../../core/fix/pkcs12-out.js";
import type { Certificate } from "../../../core/x509/certificate.js";
import { pkcs7Certificates } from "../../../core/x509/der-write.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { canPrompt, type PasswordFlags, promptHidden, readPassword } from "../../password.js";

/** What `fix -o NAME` writes, by NAME's extension: what other tools expect a file of that name to hold. */
export type OutputFormat = "pem" | "der" | "p7b" | "p12";

const BY_EXTENSION: Record<string, OutputFormat> = {
  "": "pem",
  ".pem": "pem",
  ".crt": "pem",
  ".cert": "pem",
  ".chain": "pem",
  ".txt": "pem",
  ".der": "der",
  ".cer": "der",
  ".p7b": "p7b",
  ".p7c": "p7b",
  ".p12": "p12",
  ".pfx": "p12",
};

/** The format for `-o`, or exit 2 for a name that would hold something other than what it says. */
export function outputFormatOf(name: string): OutputFormat {
  // extname(".p12") is "": a name that is only an extension is read as one, not as "no extension".
  const base = basename(name);
  const ext = base.startsWith(".") && !base.slice(1).includes(".") ? base : extname(name);
  const format = BY_EXTENSION[ext.toLowerCase()];
  if (format) return format;
  throw new UsageError(
    `-o: ${name}: fix writes PEM (.pem, .crt), DER (.der, .cer: one certificate), PKCS#7 (.p7b) or PKCS#12 (.p12, .pfx with --key); a ${ext} file would not hold what its name says.`,
  );
}

/** The bytes of the chain in `format`; a .p12 also holds the key, under a password that is not kept. */
export function serializeChain(
  format: OutputFormat,
  chain: Certificate[],
  pem: string,
  p12?: { key: KeyObject; password: string },
): { bytes: string | Buffer; secret: boolean } {
  if (format === "pem") return { bytes: pem, secret: false };
  if (format === "p7b") return { bytes: pkcs7Certificates(chain.map((c) => c.der)), secret: false };
  if (format === "der") {
    if (chain.length !== 1)
      throw new UsageError(
        `-o: a DER file holds one certificate and this chain has ${chain.length}; name the output .pem, .p7b or .p12 to keep the whole chain.`,
      );
    return { bytes: Buffer.from(chain[0].der), secret: false };
  }
  if (!p12) throw new UsageError("-o: a .p12 holds the private key with the chain: give it with --key.");
  // keytool and openssl print the alias raw: only printable ASCII from a CN an outsider may have chosen.
  const printable = (chain[0].subjectCN ?? "")
    .replace(/[^\x20-\x7e]/g, "")
    .trim()
    .slice(0, 64);
  const friendlyName = printable || "connectpay-client";
  const bytes = buildPkcs12({ certs: chain.map((c) => c.der), key: p12.key, password: p12.password, friendlyName });
  return { bytes, secret: true };
}

/** The new file's password: from --password-env/--password-file, or asked twice at a terminal. */
export async function newPkcs12Password(flags: PasswordFlags, io: Io): Promise<string> {
  const password =
    flags.passwordEnv || flags.passwordFile || !canPrompt(io)
      ? await readPassword(flags, io)
      : await confirmedPrompt(io as Io & { stdinStream: NodeJS.ReadableStream });
  if (password === "") throw new UsageError("-o: a .p12 holding a private key needs a password that is not empty.");
  return password;
}

async function confirmedPrompt(io: Io & { stdinStream: NodeJS.ReadableStream }): Promise<string> {
  const first = await promptHidden("Password for the new .p12: ", io);
  if ((await promptHidden("The same password again: ", io)) !== first)
    throw new UsageError("-o: the two passwords differ; nothing was written.");
  return first;
}
