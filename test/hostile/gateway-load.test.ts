import { Agent, type RequestOptions, request } from "node:https";
import { type ConnectionOptions, createSecureContext, type SecureContext } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Gateway, startGateway } from "../../src/lab/gateway-server.js";
import { makeClientChain } from "../../src/lab/make-certs.js";

type Chain = Awaited<ReturnType<typeof makeClientChain>>;

const BASIC = `Basic ${Buffer.from("app:secret").toString("base64")}`;
const TOKEN = { method: "POST", path: "/auth/v1/oauth2/token", headers: { authorization: BASIC, "x-request-id": "r" } };

// One client TLS context per gateway and chain: parsing the key and certificates again for each of the
// thousands of connections cost a third of this file's CPU, and is not what the gateway is tested for.
const contexts = new Map<string, SecureContext>();
function contextFor(gw: Gateway, chain: Chain): SecureContext {
  const key = `${gw.mtlsPort} ${chain.leaf.pem}`;
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({
      ca: gw.caPem,
      cert: chain.leaf.pem + chain.intermediate.pem,
      key: chain.leaf.keyPem,
    });
    contexts.set(key, context);
  }
  return context;
}

/** One request over mTLS; `agent` false opens a fresh connection, as a distinct client would. */
function call(
  gw: Gateway,
  chain: Chain,
  agent: Agent | false,
  req: { method: string; path: string; headers: Record<string, string> },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = req.method === "POST" ? "grant_type=client_credentials" : undefined;
    // secureContext is passed on to tls.connect, which https.RequestOptions does not list.
    const options: RequestOptions & ConnectionOptions = { host: "127.0.0.1", port: gw.mtlsPort, ...req, agent };
    options.secureContext = contextFor(gw, chain);
    const sent = request(options, (res) => {
      let text = "";
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    sent.on("error", reject);
    sent.end(body);
  });
}

/** Runs `total` calls, at most `width` at a time; the results in the order the calls were started. */
async function inWaves<T>(total: number, width: number, one: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      out[i] = await one();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

describe("the rehearsal gateway under load (issue 13)", () => {
  let chain: Chain;
  let gw: Gateway;
  beforeAll(async () => {
    chain = await makeClientChain("Load Co");
    gw = await startGateway({ registered: [Buffer.from(chain.bundle)], clientKey: "app", clientSecret: "secret" });
  });
  afterAll(() => gw.close());

  // Its bound (60 s for what takes ~10 s on 2 cores) is the test's timeout: one hang guard, not a stopwatch too.
  it("answers 500 concurrent mTLS clients, each on its own connection", async () => {
    const answers = await Promise.all(Array.from({ length: 500 }, () => call(gw, chain, false, TOKEN)));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
  }, 60_000);

  it("keeps a bounded number of tokens: past the cap the oldest stops working", async () => {
    const capped = await startGateway({
      registered: [Buffer.from(chain.bundle)],
      clientKey: "app",
      clientSecret: "secret",
      maxTokens: 50,
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const issued = await inWaves(60, 1, () => call(capped, chain, agent, TOKEN));
      const open = async (i: number) => {
        const bearer = `Bearer ${JSON.parse(issued[i].text).access_token}`;
        return (
          await call(capped, chain, agent, { method: "GET", path: "/ob/accounts", headers: { authorization: bearer } })
        ).status;
      };
      expect({ first: await open(0), tenth: await open(9), eleventh: await open(10), last: await open(59) }).toEqual({
        first: 401,
        tenth: 401,
        eleventh: 200,
        last: 200,
      });
    } finally {
      agent.destroy();
      await capped.close();
    }
  });

  it("keeps its memory bounded over 5,000 token requests", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    const rss = () => process.memoryUsage().rss;
    await inWaves(500, 20, () => call(gw, chain, agent, TOKEN));
    const before = rss();
    const answers = await inWaves(5000, 20, () => call(gw, chain, agent, TOKEN));
    const grown = rss() - before;
    agent.destroy();
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    // Generous: the server, 20 clients and vitest share this process; an unbounded store adds to it.
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});
