import type { Io } from "../io.js";

/** What a command registration needs: the injected IO and where to put the exit code. */
export interface CommandContext {
  io: Io;
  setExit(code: number): void;
}

export const EXIT_CODES_HELP = (ok: string, rejected: string) => `
Exit codes:
  0  ${ok}
  1  ${rejected}
  2  could not run as asked (bad flag, missing or unreadable file)
  3  internal error (please report it)
`;

/** The config file as check and probe read it: one file, each command takes the fields it knows. */
export const CONFIG_FILE_HELP = `
Config file (--config, default ./connectpay-cert.config.json when present): one JSON object, every field optional.
  env         probe: stage or production (the built-in hosts)
  mtlsHost    probe: the mTLS host, host[:port]
  publicHost  probe: the 1-way host, host[:port]
  clientKey   probe: the DevApp ClientKey
  ca          probe: a PEM file trusted for the server's certificate
  timeout     probe: milliseconds per step
  findings    check: finding id → off, error, warning or info
Example: {"env": "production", "clientKey": "my-devapp", "findings": {"root.not-publicly-trusted": "off"}}
An unknown field or a wrong type is refused (exit 2), and so is "clientSecret": the secret never goes in a file.
`;

/** commander's collector for a repeatable option: `--san a --san b` → ["a", "b"]. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];
