// What a certificate breaks of X.690 DER and RFC 5280 while still being readable around it. `fatal` marks
// what OpenSSL (the gateway's parser) refuses to load or to use; the rest it accepts and we warn about.
import { DerError } from "./der.js";

export interface DerDefect {
  /** the field as inspect names it: "serial", "notBefore", "subject", "extension basicConstraints", … */
  field: string;
  problem: string;
  fatal: boolean;
  /** the extension's name, for a defect inside one */
  extension?: string;
}

export class DerDefects {
  readonly list: DerDefect[] = [];

  /** Reads one field; a DER error becomes a fatal defect of that field and `fallback` stands in for it. */
  read<T>(field: string, read: () => T, fallback: T, extension?: string): T {
    try {
      return read();
    } catch (err) {
      this.refuse(field, err, extension);
      return fallback;
    }
  }

  /** What `read` does with what a read threw: a DER error is a fatal defect of the field, anything else is thrown on. */
  refuse(field: string, err: unknown, extension?: string): void {
    if (!(err instanceof DerError)) throw err;
    this.list.push({ field, problem: err.message, fatal: true, extension });
  }

  /** A defect OpenSSL accepts: the value is read as it is. */
  note(field: string, problem: string, extension?: string): void {
    this.list.push({ field, problem, fatal: false, extension });
  }
}
