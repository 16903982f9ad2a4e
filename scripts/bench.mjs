// npm run bench: start-up and throughput of connectpay-cert, as ratios against baselines measured in
// the same run (the machine is shared and noisy, so absolute times mean little). Not part of npm test.
// Goals (issue 5): check ≤ 1.5× `node -e 0`; --version ≤ 1.2×; 1,000 bundles ≤ 1.5 s, ≥ 10× faster than
// an `openssl verify` loop, peak RSS ≤ 200 MiB; 10,000 bundles peak RSS ≤ 200 MiB.
import "reflect-metadata";
import { spawnSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

const ROOT = new URL("../", import.meta.url).pathname;
const DATA = join(ROOT, "bench/.data");
const BIN = join(ROOT, "bin/connectpay-cert.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const AT = "2030-01-01";
x509.cryptoProvider.set(webcrypto);

async function makeData() {
  if (existsSync(join(DATA, "ready"))) return;
  mkdirSync(join(DATA, "b1000"), { recursive: true });
  mkdirSync(join(DATA, "b10000"), { recursive: true });
  const alg = { name: "ECDSA", namedCurve: "P-256" };
  const sign = { name: "ECDSA", hash: "SHA-256" };
  const gen = () => webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const KU = x509.KeyUsageFlags;
  const make = async (subject, issuer, keys, ca) =>
    x509.X509CertificateGenerator.create({
      subject,
      issuer: issuer?.name ?? subject,
      notBefore: new Date("2024-01-01"),
      notAfter: new Date("2099-01-01"),
      publicKey: keys.publicKey,
      signingKey: (issuer?.keys ?? keys).privateKey,
      signingAlgorithm: sign,
      extensions: [
        new x509.BasicConstraintsExtension(ca, undefined, true),
        new x509.KeyUsagesExtension(ca ? KU.keyCertSign : KU.digitalSignature, true),
        ...(ca ? [] : [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])]),
      ],
    });
  const rootKeys = await gen();
  const root = await make("CN=Bench Root", undefined, rootKeys, true);
  const intKeys = await gen();
  const int = await make("CN=Bench Issuing CA", { name: "CN=Bench Root", keys: rootKeys }, intKeys, true);
  const tail = `${int.toString("pem")}\n${root.toString("pem")}\n`;
  writeFileSync(join(DATA, "root.pem"), `${root.toString("pem")}\n`);
  for (let i = 0; i < 1000; i++) {
    const leaf = await make(`CN=bench client ${i}`, { name: "CN=Bench Issuing CA", keys: intKeys }, await gen(), false);
    const pem = `${leaf.toString("pem")}\n${tail}`;
    writeFileSync(join(DATA, "b1000", `bundle-${i}.pem`), pem);
    for (let copy = 0; copy < 10; copy++) writeFileSync(join(DATA, "b10000", `bundle-${i}-${copy}.pem`), pem);
    if (i === 0) writeFileSync(join(DATA, "one.pem"), pem);
  }
  writeFileSync(join(DATA, "ready"), "");
}

function time(cmd, args) {
  const start = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "ignore"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== 0 && res.status !== 1) throw new Error(`${cmd} ${args.join(" ")} exited ${res.status}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fastest = (xs) => Math.min(...xs);

/** Alternates the two commands so that both see the same machine load. */
function sideBySide(a, b, runs = RUNS) {
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(time(...a));
    tb.push(time(...b));
  }
  return { a: median(ta), b: median(tb), minRatio: fastest(tb) / fastest(ta) };
}

/** Wall seconds and peak RSS (MiB) of one run, from GNU time; exit 1 (rejected inputs) is fine. */
function measured(args) {
  const res = spawnSync("/usr/bin/time", ["-f", "%e %M", "node", BIN, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const line = res.stderr.toString().trim().split("\n").at(-1) ?? "";
  const m = /^([\d.]+) (\d+)$/.exec(line);
  if (!m || (res.status !== 0 && res.status !== 1)) throw new Error(`check ${args.join(" ")} failed: ${res.stderr}`);
  return { wall: Number(m[1]), rssMiB: Number(m[2]) / 1024 };
}

const row = (name, value, goal, ok) =>
  console.log(`${ok ? "met " : "MISS"}  ${name.padEnd(52)} ${value.padEnd(34)} goal ${goal}`);

await makeData();
const node0 = ["node", ["-e", "0"]];
const one = join(DATA, "one.pem");
console.log(`connectpay-cert bench: ${RUNS} alternating runs per start-up pair; medians\n`);
const check = sideBySide(node0, ["node", [BIN, "check", one, "--at", AT]]);
row(
  "1. check, 3-certificate bundle, cold / node -e 0",
  `${(check.b / check.a).toFixed(2)}× (${check.b.toFixed(0)} / ${check.a.toFixed(0)} ms)`,
  "≤ 1.5×",
  check.b / check.a <= 1.5,
);
row("   the same, fastest run of each", `${check.minRatio.toFixed(2)}×`, "≤ 1.5×", check.minRatio <= 1.5);
const version = sideBySide(node0, ["node", [BIN, "--version"]]);
row(
  "2. --version / node -e 0",
  `${(version.b / version.a).toFixed(2)}× (${version.b.toFixed(0)} / ${version.a.toFixed(0)} ms)`,
  "≤ 1.2×",
  version.b / version.a <= 1.2,
);
row("   the same, fastest run of each", `${version.minRatio.toFixed(2)}×`, "≤ 1.2×", version.minRatio <= 1.2);
const dir1k = join(DATA, "b1000");
const many = measured(["check", dir1k, "--format", "json", "--at", AT]);
const loop = `for f in "${dir1k}"/*.pem; do openssl verify -CAfile "${join(DATA, "root.pem")}" -untrusted "$f" "$f" >/dev/null; done`;
const opensslMs = time("bash", ["-c", loop]);
row("3. check over 1,000 bundles: wall", `${many.wall.toFixed(2)} s`, "≤ 1.5 s", many.wall <= 1.5);
row(
  "   vs openssl verify loop over the same files",
  `${(opensslMs / 1000 / many.wall).toFixed(1)}× faster (${(opensslMs / 1000).toFixed(2)} s)`,
  "≥ 10×",
  opensslMs / 1000 / many.wall >= 10,
);
row("   peak RSS", `${many.rssMiB.toFixed(0)} MiB`, "≤ 200 MiB", many.rssMiB <= 200);
const huge = measured(["check", join(DATA, "b10000"), "--format", "json", "--at", AT]);
row(
  "4. check over 10,000 bundles: peak RSS",
  `${huge.rssMiB.toFixed(0)} MiB (${huge.wall.toFixed(2)} s)`,
  "≤ 200 MiB",
  huge.rssMiB <= 200,
);
