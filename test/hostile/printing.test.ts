import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import type { TLSSocket } from "node:tls";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayText } from "../../src/core/display-text.js";
import { issue, type Made, makeServerIdentity } from "../../src/lab/make-certs.js";
import { runCli } from "../helpers/cli.js";
import { runBin } from "./measure.js";

// What an attacker puts in a CN, a SAN, a URL, a file name or a server's answer: a GitHub workflow
// command on a new line, a terminal title change and screen clear, a bidi override, C1, DEL, separators.
const EVIL =
  "evil\n::error title=pwned::injected\r\n::add-mask::x\u001b]0;owned\u0007\u001b[2J\u202e\u2066\u2028\u0085\u009b\u007f";
const AT = ["--at", "2030-01-01"];
const dir = mkdtempSync(`${tmpdir()}/cpc-hostile-print-`);
const evilDir = `${dir}/dir\u001b[2J\n::error::d`;
const path = (name: string) => `${evilDir}/${name}`;
// RFC 4514 escapes `;` in a DN string: the subject as formatted, for the assertions.
const SUBJECT_EVIL = EVIL.replace(";", "\\;");
const cn = (text: string) => [{ CN: [{ utf8String: text }] }];
const dates = { notBefore: new Date("2024-01-01"), notAfter: new Date("2099-01-01") };

/** Any character that acts on a terminal or a CI log, except the newline our own layout uses. */
const RAW = /(?!\n)[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

function assertPrintable(text: string, what: string): void {
  expect(RAW.exec(text)?.[0], `${what}: a raw control character reached the output`).toBeUndefined();
  expect(text, `${what}: a workflow command was injected`).not.toMatch(/^::/m);
}

let root: Made;
let leaf: Made;
const files: Record<string, string> = {};

beforeAll(async () => {
  mkdirSync(evilDir);
  root = await issue({ subject: cn(`Root ${EVIL}`), ca: true, ...dates });
  const intermediate = await issue({ subject: cn(`Issuing ${EVIL}`), ca: true, issuer: root, ...dates });
  leaf = await issue({
    subject: cn(`Client ${EVIL}`),
    issuer: intermediate,
    clientAuth: true,
    ...dates,
    serverNames: ["san\u001b[2J.example"],
    aia: { ocsp: "http://127.0.0.1:1/ocsp\u001b]0;t\u0007", caIssuers: "http://127.0.0.1:1/ca\u001b[2J" },
  });
  const write = (name: string, text: string) => {
    files[name] = path(`${name}-${EVIL}.pem`);
    writeFileSync(files[name], text, { mode: 0o600 });
  };
  write("good", leaf.pem + intermediate.pem + root.pem);
  write("reversed", root.pem + intermediate.pem + leaf.pem);
  write("key", leaf.keyPem);
  write("garbage", "not a certificate\n");
  files.leaf = path("leaf.pem");
  writeFileSync(files.leaf, leaf.pem);
});

describe("no raw control character reaches the terminal or the CI log", () => {
  it.each(["human", "github", "junit", "prometheus"])("check --format %s, on files and on their folder", async (f) => {
    for (const input of [files.good, files.reversed, files.garbage, evilDir]) {
      const res = await runCli(["check", input, "--format", f, ...AT]);
      expect(res.code, res.stderr).not.toBe(3);
      const out = `${res.stdout}\n${res.stderr}`;
      if (f === "github") {
        // Our own commands only: one per finding, every property and message escaped.
        for (const line of out.split("\n").filter((l) => l.startsWith("::")))
          expect(line).toMatch(/^::(error|warning|notice) file=[^:,]*,(line=\d+,)?title=[^:,]*::/);
        expect(RAW.exec(out)?.[0]).toBeUndefined();
      } else assertPrintable(out, `check --format ${f}`);
    }
  });

  it("check shows the escaped names, so a reader sees what is there", async () => {
    const res = await runCli(["check", files.reversed, ...AT]);
    expect(res.stdout).toContain(displayText(`CN=Client ${EVIL}`));
    expect(res.stdout).toContain("\\x1b]0;owned\\x07\\x1b[2J\\u202e");
    expect(res.stdout).toContain(displayText(files.reversed));
  });

  it("check --format github keeps its escaping and neutralises ESC", async () => {
    const res = await runCli(["check", files.reversed, "--format", "github", ...AT]);
    // A line break inside an annotation is GitHub's %0A; the colon after it is shown escaped all the same.
    expect(res.stdout).toContain("%0A\\x3a:error title=pwned::injected%0D%0A\\x3a:add-mask::x\\x1b]0;owned\\x07");
  });

  it.each([[[]], [["--json"]]])("inspect %j", async (extra) => {
    const res = await runCli(["inspect", files.good, ...extra, ...AT]);
    expect(res.code).toBe(0);
    if (extra.length === 0) {
      assertPrintable(res.stdout + res.stderr, "inspect");
      expect(res.stdout).toContain("san\\u001b[2J.example");
      expect(res.stdout).toContain("http://127.0.0.1:1/ocsp\\x1b]0;t\\x07");
    } else {
      // JSON keeps the raw values: its escaping already makes them safe, and a program wants the real text.
      expect(RAW.exec(res.stdout)).toBeNull();
      const doc = JSON.parse(res.stdout);
      expect(doc.certificates[0].subject).toBe(`CN=Client ${SUBJECT_EVIL}`);
      expect(doc.input).toBe(files.good);
    }
  });

  it("inspect and fix say what they cannot read without echoing a hostile name raw", async () => {
    for (const args of [
      ["inspect", files.garbage],
      ["fix", files.garbage],
      ["check", `${files.garbage}.missing`],
    ]) {
      const res = await runCli([...args, ...AT]);
      expect(res.code).not.toBe(3);
      assertPrintable(res.stdout + res.stderr, args[0]);
    }
  });

  it("fix: its report, the email body and the zip summary", async () => {
    const zip = `${dir}/out.zip`;
    const res = await runCli(["fix", files.reversed, "--zip", zip, "--company", `Acme${EVIL}`, ...AT]);
    expect(res.code, JSON.stringify(res.stderr)).toBe(0);
    assertPrintable(res.stdout + res.stderr, "fix --zip");
    expect(res.stdout).toContain(`Client certificate: ${displayText(`CN=Client ${SUBJECT_EVIL}`)}`);
    expect(res.stderr).toMatch(/moved/);
    const summary = execFileSync("unzip", ["-p", zip, "certificate-summary.txt"], { encoding: "utf8" });
    assertPrintable(summary, "certificate-summary.txt");
  });

  it("fix --fetch-missing prints the AIA URL it fetches", async () => {
    const res = await runCli([
      "fix",
      files.leaf,
      "--fetch-missing",
      "--allow-private-urls",
      "--no-system-roots",
      ...AT,
    ]);
    expect(res.code).not.toBe(3);
    assertPrintable(res.stdout + res.stderr, "fix --fetch-missing");
  });

  it("usage errors name a hostile file visibly", async () => {
    const res = await runCli(["check", files.good, "--key", `${dir}/missing\u001b[2J\n::error::k.key`, ...AT]);
    expect(res.code).toBe(2);
    assertPrintable(res.stdout + res.stderr, "usage error");
    expect(res.stderr).toContain("missing\\x1b[2J\\n::error::k.key");
  });
});

describe("check --format junit stays well-formed XML for any subject or file name", () => {
  it("with U+FFFE, U+FFFF, lone surrogates and control characters", async () => {
    // A BMPString can carry a lone surrogate; UTF-8 cannot.
    const odd = await issue({
      subject: [{ CN: [{ bmpString: `odd\ud800x\udfff\ufffe\uffff\u0001${EVIL}` }] }],
      ...dates,
    });
    const name = path(`odd-\uffff\ufffe-${EVIL}.pem`);
    writeFileSync(name, odd.pem);
    const res = await runCli(["check", name, evilDir, "--format", "junit", ...AT]);
    expect(res.code).toBe(1);
    expect(XMLValidator.validate(res.stdout)).toBe(true);
    // XML 1.0 §2.2 Char: what a strict parser (xmllint, Jenkins) insists on.
    expect(res.stdout).toMatch(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u);
    expect(res.stdout).toContain("odd\\ud800x\\udfff\\ufffe\\uffff\\x01evil\\n");
    if (hasXmllint()) execFileSync("xmllint", ["--noout", "-"], { input: res.stdout });
  });
});

function hasXmllint(): boolean {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("probe --verbose never shows the secret, even when the server echoes it", () => {
  const SECRET = 'Hostile-S3cret"/é';
  let server: Server;
  let serverCa: string;

  beforeAll(async () => {
    const id = await makeServerIdentity(["localhost", "127.0.0.1"]);
    serverCa = path("server-ca.pem");
    writeFileSync(serverCa, id.caPem);
    server = createServer(
      { cert: id.certPem, key: id.keyPem, requestCert: true, rejectUnauthorized: false, ca: [root.pem] },
      (req, res) => {
        const auth = req.headers.authorization ?? "";
        const decoded = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString("utf8");
        const peer = (req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? "";
        const body = JSON.stringify({ headers: req.headers, decoded, peer });
        // The decoded secret raw, in JSON, URL-encoded, and a hostile text after it.
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`${body}\n${decoded}\n${encodeURIComponent(SECRET)}\n${EVIL}\n::add-mask::${SECRET}`);
      },
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  });
  afterAll(() => server.close());

  it.each([
    ["human", ["--verbose"], false],
    ["JSON", ["--verbose", "--json"], false],
    ["terminal", ["--verbose"], true],
  ])("%s", async (_what, extra, tty) => {
    const port = (server.address() as { port: number }).port;
    const args = ["probe", "--cert", files.good, "--key", files.key, "--host", `127.0.0.1:${port}`, "--ca", serverCa];
    const res = await runCli([...args, "--client-key", "app-1", ...extra, ...AT], {
      env: { CONNECTPAY_CLIENT_SECRET: SECRET, TERM: "xterm" },
      tty,
      columns: tty ? 100 : undefined,
    });
    const out = res.stdout + res.stderr;
    expect(res.stderr, JSON.stringify(out)).toContain("< ");
    for (const form of [
      SECRET,
      JSON.stringify(SECRET).slice(1, -1),
      encodeURIComponent(SECRET),
      Buffer.from(`app-1:${SECRET}`).toString("base64"),
    ])
      expect(out).not.toContain(form);
    // Our own spinner and colours may move the cursor and paint; nothing else acts on the terminal.
    const ours = new RegExp(`${String.fromCharCode(27)}\\[(?:[0-9;]*[mGAK]|\\?(?:25|2026)[lh])`, "g");
    assertPrintable(out.replace(ours, ""), `probe ${_what}`);
  });
});

describe("CI log commands from certificates and file names never act (issue 25)", () => {
  // Azure Pipelines runs `##vso[` anywhere in a line; GitHub runs `::name::` at a line's start (after
  // white space) and its older `##[name]` anywhere.
  const VSO = "##vso[task.prependpath]evil-bin";
  const ciDir = `${dir}/ci`;
  let chain: string;

  beforeAll(async () => {
    mkdirSync(ciDir);
    const ca = await issue({ subject: cn(`Root ${VSO} ##[error]x`), ca: true, ...dates });
    const client = await issue({ subject: cn(`::add-mask::${VSO}`), issuer: ca, clientAuth: true, ...dates });
    chain = `${ciDir}/::add-mask::x.pem`;
    writeFileSync(chain, ca.pem + client.pem);
    writeFileSync(`${ciDir}/  ::warning::bad.pem`, `${VSO}\nnot a certificate\n`);
  });

  function assertNoCommand(text: string, what: string, github = false): void {
    expect(text, `${what}: an Azure or legacy GitHub command`).not.toMatch(/##(vso)?\[/i);
    for (const line of text.split("\n").filter((l) => /^\s*::/.test(l))) {
      expect(github, `${what}: a line starts a workflow command: ${line}`).toBe(true);
      expect(line).toMatch(/^::(error|warning|notice) file=[^:,]*,(line=\d+,)?title=[^:,]*::/);
    }
  }

  it.each(["human", "github", "json", "junit", "prometheus", "sarif"])("check --format %s", async (f) => {
    for (const input of [chain, ciDir, `${ciDir}/::error::missing.pem`]) {
      const res = await runCli(["check", input, "--format", f, ...AT]);
      expect(res.code, res.stderr).not.toBe(3);
      assertNoCommand(`${res.stdout}\n${res.stderr}`, `check --format ${f} ${input}`, f === "github");
    }
  });

  it("a relative file name that starts a report line is shown escaped", async () => {
    for (const args of [
      ["check", "::add-mask::x.pem"],
      ["check", "."],
      ["inspect", "  ::warning::bad.pem"],
    ]) {
      const res = await runBin([...args, ...AT], { cwd: ciDir });
      expect(res.code, res.stderr).not.toBe(3);
      assertNoCommand(`${res.stdout}\n${res.stderr}`, args.join(" "));
    }
    const res = await runBin(["check", "::add-mask::x.pem", ...AT], { cwd: ciDir });
    expect(res.stdout.split("\n")[0]).toBe("\\x3a:add-mask::x.pem");
  });

  it.each([
    ["inspect", []],
    ["inspect", ["--json"]],
    ["fix", []],
    ["fix", ["--json"]],
  ])("%s %j", async (command, extra) => {
    for (const input of [chain, `${ciDir}/  ::warning::bad.pem`]) {
      const res = await runCli([command, input, ...extra, ...AT]);
      expect(res.code, res.stderr).not.toBe(3);
      assertNoCommand(`${res.stdout}\n${res.stderr}`, `${command} ${input}`);
    }
  });

  it("a name printed alone on a line is escaped where it would start the line", () => {
    expect(displayText("::add-mask::x.pem")).toBe("\\x3a:add-mask::x.pem");
    expect(displayText(" \u00a0::set-env name=A::b")).toBe(" \u00a0\\x3a:set-env name=A::b");
    expect(displayText(`CN=${VSO}`)).toBe("CN=#\\x23vso[task.prependpath]evil-bin");
    expect(displayText("a ##[group]b ##VSO[x]")).toBe("a #\\x23[group]b #\\x23VSO[x]");
    expect(displayText("line\n::error::x", "\n")).toBe("line\n\\x3a:error::x");
  });
});

describe("fix --zip --registered: the subject of the certificate it replaces is shown escaped (issue 25)", () => {
  it("ESC, BEL, U+202E and a newline that would start a To: line", async () => {
    const ca = await issue({ subject: cn("Registered CA"), ca: true, ...dates });
    const old = await issue({
      subject: cn("Old \u001b[2J\u0007\u202eclient\nTo: attacker@example.com"),
      issuer: ca,
      clientAuth: true,
      ...dates,
    });
    const registered = `${dir}/registered-evil.pem`;
    writeFileSync(registered, old.pem);
    const res = await runCli(["fix", files.reversed, "--zip", `${dir}/renewal.zip`, "--registered", registered, ...AT]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("This is a renewal");
    assertPrintable(res.stdout, "the renewal email");
    expect(res.stdout).not.toMatch(/^To: attacker/m);
    expect(res.stdout).toContain("Old \\x1b[2J\\x07\\u202eclient\\nTo: attacker@example.com");
  });
});

describe("probe --verbose masks the secret in any spelling, before it cuts the body (issue 25)", () => {
  const SECRET = 'Echoed-S3cret"/é';
  const spellings = [
    JSON.stringify(SECRET).slice(1, -1).replace("/", "\\/").replace("é", "\\u00e9"),
    encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    Buffer.from(`{"s":"${SECRET}"}`).toString("base64"),
    Buffer.from(`xy${SECRET}`).toString("base64url"),
    SECRET.replace('"', "&quot;").replace("/", "&#x2f;").replace("é", "&#233;"),
  ];
  let server: Server;
  let serverCa: string;

  beforeAll(async () => {
    const id = await makeServerIdentity(["localhost", "127.0.0.1"]);
    serverCa = path("echo-server-ca.pem");
    writeFileSync(serverCa, id.caPem);
    const head = spellings.join(" ");
    // The raw secret last, straddling the 500th character where --verbose cuts the body.
    const body = `${head} ${"x".repeat(500 - head.length - 1 - 10)}${SECRET} tail`;
    server = createServer(
      { cert: id.certPem, key: id.keyPem, requestCert: true, rejectUnauthorized: false, ca: [root.pem] },
      (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(body),
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  });
  afterAll(() => server.close());

  it("no spelling of the secret, and no part of it, reaches the output", async () => {
    const port = (server.address() as { port: number }).port;
    const args = ["probe", "--cert", files.good, "--key", files.key, "--host", `127.0.0.1:${port}`, "--ca", serverCa];
    const res = await runCli([...args, "--client-key", "app-1", "--verbose", ...AT], {
      env: { CONNECTPAY_CLIENT_SECRET: SECRET },
    });
    const out = res.stdout + res.stderr;
    expect(res.stderr).toContain("< ");
    expect(out).not.toContain(SECRET.slice(0, 8));
    for (const s of spellings) expect(out).not.toContain(s.slice(3, -3));
  });
});
