import { lookup } from "node:dns/promises";
import { isIP, connect as netConnect, type Socket } from "node:net";
import { startDeadline } from "./deadline.js";
import { failureOf, type NetFailure, withTimeout } from "./observation.js";

export type ConnectResult = { ok: true; address: string; socket: Socket } | { ok: false; failure: NetFailure };

/** Resolves the name and opens a TCP connection, the two together within timeoutMs. */
export async function tcpConnect(host: string, port: number, timeoutMs: number): Promise<ConnectResult> {
  let socket: Socket | undefined;
  const deadline = startDeadline(timeoutMs);
  try {
    const address = isIP(host) ? host : (await withTimeout(timeoutMs, lookup(host), () => {})).address;
    const s = netConnect({ host: address, port });
    socket = s;
    await withTimeout(
      Math.max(1, deadline.remaining()),
      new Promise<void>((resolve, reject) => {
        s.once("connect", resolve);
        s.once("error", reject);
      }),
      () => s.destroy(),
    );
    s.removeAllListeners("error");
    return { ok: true, address, socket: s };
  } catch (err) {
    socket?.destroy();
    return { ok: false, failure: failureOf(err) };
  }
}
