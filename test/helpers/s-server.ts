import { spawn } from "node:child_process";

export interface SServer {
  port: number;
  stop(): void;
}

/** Starts `openssl s_server` on 127.0.0.1 with a free port and resolves once it accepts connections. */
export function startSServer(args: string[]): Promise<SServer> {
  const child = spawn("openssl", ["s_server", "-accept", "127.0.0.1:0", "-www", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`s_server did not start: ${out}`)), 10_000);
    const onData = (chunk: Buffer) => {
      out += chunk;
      const m = /ACCEPT .*:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ port: Number(m[1]), stop: () => child.kill() });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`s_server exited ${code}: ${out}`)));
  });
}
