import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpFetch } from "../../src/net/http-fetch.js";

let server: Server;
let base: string;
const limits = { timeoutMs: 300, maxBytes: 1024, maxRedirects: 2 };

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok") res.end(`${req.method} answered`);
    else if (req.url === "/hop") res.writeHead(302, { location: "/ok" }).end();
    else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
    else if (req.url === "/big") res.end(Buffer.alloc(4096));
    else if (req.url === "/silent") res.flushHeaders();
    else res.writeHead(500).end();
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("the one HTTP client (AIA, OCSP, CRL)", () => {
  it("returns the body, the final URL and the status, following a redirect on GET", async () => {
    const got = await httpFetch(`${base}/hop`, { limits, allowPrivate: true });
    expect(got).toMatchObject({ ok: true, url: `${base}/ok`, status: 200 });
    expect(got.ok && got.body.toString()).toBe("GET answered");
  });

  it("does not follow a redirect on POST: the status is the observation", async () => {
    const got = await httpFetch(`${base}/hop`, { limits, allowPrivate: true, method: "POST", body: Buffer.from("x") });
    expect(got).toMatchObject({ ok: false, kind: "status", status: 302, message: "HTTP 302" });
  });

  it("observes each limit as a failure kind with the message the findings quote", async () => {
    expect(await httpFetch(`${base}/loop`, { limits, allowPrivate: true })).toMatchObject({
      ok: false,
      kind: "redirects",
      message: "more than 2 redirects",
    });
    expect(await httpFetch(`${base}/big`, { limits, allowPrivate: true })).toMatchObject({
      ok: false,
      kind: "too-large",
      message: "response larger than 1024 bytes",
    });
    expect(await httpFetch(`${base}/silent`, { limits, allowPrivate: true })).toMatchObject({
      ok: false,
      kind: "timeout",
      message: "no answer within 300 ms",
    });
    expect(await httpFetch(`${base}/gone`, { limits, allowPrivate: true })).toMatchObject({
      ok: false,
      kind: "status",
      status: 500,
    });
    expect(await httpFetch("ftp://127.0.0.1/x", { limits, allowPrivate: true })).toMatchObject({
      ok: false,
      kind: "scheme",
      message: "unsupported URL scheme ftp:",
    });
  });
});
