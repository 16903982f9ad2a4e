/** How standard input is named in reports (`check -`, `fix -`, `inspect -`). */
export const STDIN_NAME = "<stdin>";

// Characters a POSIX shell passes through unquoted; anything else gets single quotes.
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

/**
 * A file name as a shell argument a person can paste: quoted when it needs to be, `'` written
 * as `'\''` (POSIX single quotes cannot hold one), and standard input as `-`.
 */
export function shellArg(name: string): string {
  if (name === STDIN_NAME || name === "-") return "-";
  const safe = name.startsWith("-") ? `./${name}` : name;
  return PLAIN.test(safe) ? safe : `'${safe.replaceAll("'", "'\\''")}'`;
}

/** Puts the file into a hint's command (the placeholder FILE), saying when that file is standard input. */
export function fileInHint(hint: string, name: string): string {
  if (!hint.includes("FILE")) return hint;
  const filled = hint.replaceAll("FILE", shellArg(name));
  return name === STDIN_NAME || name === "-"
    ? `${filled} (\`-\` is standard input: pipe the same file in again.)`
    : filled;
}
