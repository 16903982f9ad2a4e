import { lstat } from "node:fs/promises";
import { resolve } from "node:path";
import { type CsrRequest, describeReusedKey, makeCsrForKey, makeKeyAndCsr, reuseRefusal } from "../../../core/csr.js";
import { renderCsrGuide } from "../../../report/csr-report.js";
import { UsageError } from "../../errors.js";
import type { Io } from "../../io.js";
import { parseKeyType } from "../../option-values.js";
import type { PasswordFlags } from "../../password.js";
import { readPrivateKey } from "../../private-key.js";
import { writeFileAtomic, writeNewFileAtomic } from "../../write-file.js";

export interface CsrFlags extends PasswordFlags {
  /** an existing private key to make the request for (same-key renewal) */
  key?: string;
  cn?: string;
  org?: string;
  country?: string;
  san?: string[];
  keyType?: string;
  output?: string;
}

/** `csr`: a new key (0600, never over an existing file, never printed) and a clientAuth request. */
export async function csrCommand(flags: CsrFlags, io: Io): Promise<number> {
  const request = requestOf(flags);
  if (flags.key) return csrForKey(flags, flags.key, request, io);
  if (!flags.output) throw new UsageError("csr needs -o <base>: it writes <base>.key and <base>.csr.");
  const files = { key: `${flags.output}.key`, csr: `${flags.output}.csr` };
  const paths = { key: resolve(io.cwd, files.key), csr: resolve(io.cwd, files.csr) };
  // Both are checked first, and without following links (a dangling link "does not exist" to existsSync),
  // so a refused run leaves no orphan key without its request.
  for (const [name, path] of [
    [files.key, paths.key],
    [files.csr, paths.csr],
  ])
    if (await lstat(path).catch(() => undefined))
      throw new UsageError(`${name} exists; refusing to overwrite it (choose another -o).`);
  const { keyPem, csrPem } = await makeKeyAndCsr(request);
  await writeNewFileAtomic(paths.key, keyPem, 0o600);
  await writeFileAtomic(paths.csr, csrPem);
  io.stdout(renderCsrGuide(request, files));
  return 0;
}

/** `csr --key`: the request for a key the user has; only <base>.csr is written, the key file is left as it is. */
async function csrForKey(flags: CsrFlags, keyFile: string, request: CsrRequest, io: Io): Promise<number> {
  if (flags.keyType) throw new UsageError("--key-type and --key contradict each other: --key reuses the key it names.");
  if (!flags.output) throw new UsageError("csr needs -o <base>: with --key it writes <base>.csr only.");
  const csrFile = `${flags.output}.csr`;
  const csrPath = resolve(io.cwd, csrFile);
  if (csrPath === resolve(io.cwd, keyFile)) throw new UsageError(`-o: ${csrFile} is the --key file itself.`);
  if (await lstat(csrPath).catch(() => undefined))
    throw new UsageError(`${csrFile} exists; refusing to overwrite it (choose another -o).`);
  const { key } = await readPrivateKey(keyFile, "--key", flags, io);
  const refusal = reuseRefusal(key);
  if (refusal)
    throw new UsageError(
      `--key: ${keyFile} holds ${refusal}; CAs issue client certificates for EC P-256/P-384/P-521 and RSA keys of 2048 bits or more. Make a new key: drop --key.`,
    );
  const csrPem = await makeCsrForKey(request, key);
  await writeFileAtomic(csrPath, csrPem);
  io.stdout(renderCsrGuide(request, { key: keyFile, csr: csrFile }, describeReusedKey(key)));
  return 0;
}

function requestOf(flags: CsrFlags): CsrRequest {
  const cn = flags.cn?.trim();
  if (!cn) throw new UsageError("csr needs --cn <name>: the Common Name ConnectPay will match (with the serial).");
  // X.520 countryName is a two-letter ISO 3166 code (RFC 5280 appendix A).
  if (flags.country !== undefined && !/^[A-Z]{2}$/.test(flags.country))
    throw new UsageError(`--country: "${flags.country}" is not a two-letter country code such as LT.`);
  for (const v of [cn, flags.org ?? ""])
    if (/[\p{Cc}\u202a-\u202e\u2066-\u2069\u2028\u2029]/u.test(v))
      throw new UsageError("--cn and --org may not hold control characters or bidi overrides.");
  const sans = flags.san ?? [];
  for (const san of sans)
    if (!/^[A-Za-z0-9.*@:_-]+$/.test(san)) throw new UsageError(`--san: "${san}" is not a host name, IP or e-mail.`);
  return { cn, org: flags.org, country: flags.country, sans, keyType: parseKeyType(flags.keyType) ?? "ec-p256" };
}
