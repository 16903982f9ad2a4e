import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { privateAddressKind } from "../core/private-address.js";

/**
 * Which non-public addresses a fetch may reach: none (the default), all (--allow-private-urls), or those a
 * function accepts (tests let one loopback address stand in for a public host, to test a redirect from it).
 */
export type PrivateAllowance = boolean | ((address: string) => boolean);

export interface PrivateAddressError extends Error {
  code: "PRIVATE_ADDRESS";
  address: string;
  kind: string;
}

export function privateAddressError(address: string, kind: string): PrivateAddressError {
  return Object.assign(new Error(`it resolves to ${address}, ${kind}`), {
    code: "PRIVATE_ADDRESS" as const,
    address,
    kind,
  });
}

/** Why `address` may not be fetched from ("a loopback address"…), or undefined when it may. */
export function refusedKind(address: string, allow: PrivateAllowance | undefined): string | undefined {
  if (allow === true) return undefined;
  const kind = privateAddressKind(address);
  return kind && !(typeof allow === "function" && allow(address)) ? kind : undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The `lookup` of a request to a URL taken from a certificate: resolves the name, refuses it when ANY of
 * its addresses is loopback, link-local, private… and hands the socket only addresses it checked, so a
 * DNS answer that changes between the check and the connection (rebinding) cannot slip through.
 */
export function publicLookup(allow: PrivateAllowance | undefined) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      for (const { address } of addresses) {
        const kind = refusedKind(address, allow);
        if (kind) return callback(privateAddressError(address, kind), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
