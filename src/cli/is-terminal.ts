import { fstatSync, statSync } from "node:fs";

let nullDevice: number | undefined;

/**
 * isatty(3) without loading node:tty, which loads net and stream (a few ms of every start). Files,
 * pipes and sockets are never terminals, and neither is the null device (`> /dev/null`), so only another
 * character device is asked about.
 */
export function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    rdev = st.rdev;
  } catch {
    return false;
  }
  if (process.platform !== "win32") {
    nullDevice ??= statSync("/dev/null", { throwIfNoEntry: false })?.rdev;
    if (rdev === nullDevice) return false;
  }
  return process.getBuiltinModule("node:tty").isatty(fd);
}
