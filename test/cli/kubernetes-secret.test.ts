import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "../helpers/cli.js";
import { type SecretSpec, secretJson, secretListJson, secretListYaml, secretYaml } from "../helpers/kube-secret.js";

const pem = (f: string) => readFileSync(`${FIXTURES}good/${f}`, "utf8");
const leafKey = pem("leaf.key");
const keyBody = leafKey.split("\n")[1];

const tls: SecretSpec = {
  namespace: "payments",
  name: "connectpay-client",
  type: "kubernetes.io/tls",
  // cert-manager's layout: the issuing CA in both tls.crt and ca.crt, the root only in ca.crt.
  data: {
    "tls.crt": pem("leaf.pem") + pem("intermediate.pem"),
    "tls.key": leafKey,
    "ca.crt": pem("intermediate.pem") + pem("root.pem"),
  },
};
const opaque: SecretSpec = {
  namespace: "legacy",
  name: "partner-bundle",
  type: "Opaque",
  data: { "chain.pem": pem("chain.pem"), password: "hunter2" },
};
const token: SecretSpec = {
  namespace: "payments",
  name: "api-token",
  type: "Opaque",
  data: { token: "not a certificate" },
};

function file(name: string, text: string): string {
  const path = `${mkdtempSync(`${tmpdir()}/cpc-k8s-`)}/${name}`;
  writeFileSync(path, text);
  return path;
}

const results = (stdout: string) => JSON.parse(stdout).results;
const AT = ["--at", "2030-01-01"];

describe("check reads Kubernetes Secrets as kubectl writes them", () => {
  it.each([
    ["JSON", secretJson(tls)],
    ["YAML", secretYaml(tls)],
  ])("a kubernetes.io/tls Secret in %s: the chain from tls.crt and ca.crt, tls.key only named", async (_f, text) => {
    const res = await runCli(["check", file("secret.txt", text), "--json", ...AT]);
    expect(res.code).toBe(0);
    const [r] = results(res.stdout);
    expect(r.secret).toEqual({ namespace: "payments", name: "connectpay-client", key: "tls.crt+ca.crt" });
    expect(r.certificates.map((c: { role: string }) => c.role)).toEqual(["leaf", "intermediate", "root"]);
    const ids = r.findings.map((f: { id: string }) => f.id);
    expect(ids).toContain("secret.private-key");
    expect(ids).not.toContain("format.private-key");
    expect(ids).not.toContain("chain.duplicate");
    expect(res.stdout).not.toContain(keyBody);
    expect(res.stdout).not.toContain(Buffer.from(leafKey).toString("base64").slice(0, 40));
  });

  it("a List (YAML) from stdin: one result per Secret with certificates, Secrets without them left out", async () => {
    const res = await runCli(["check", "-", "--json", ...AT], { stdin: secretListYaml([tls, token, opaque]) });
    expect(res.code).toBe(0);
    expect(results(res.stdout).map((r: { input: string; secret: object }) => [r.input, r.secret])).toEqual([
      ["<stdin>", { namespace: "payments", name: "connectpay-client", key: "tls.crt+ca.crt" }],
      ["<stdin>", { namespace: "legacy", name: "partner-bundle", key: "chain.pem" }],
    ]);
  });

  it("a List (JSON): findings name the Secret and key, in every format", async () => {
    const reversed = { ...opaque, data: { "chain.pem": readFileSync(`${FIXTURES}chain/reversed.pem`, "utf8") } };
    const path = file("secrets.json", secretListJson([tls, reversed]));
    const res = await runCli(["check", path, "--json", ...AT]);
    expect(res.code).toBe(1);
    const bad = results(res.stdout)[1];
    const f = bad.findings.find((x: { id: string }) => x.id === "chain.reversed");
    expect(f.message).toMatch(/^Secret legacy\/partner-bundle \(chain\.pem\): /);
    const human = await runCli(["check", path, ...AT]);
    expect(human.stdout).toContain("Secret legacy/partner-bundle (chain.pem):");
    expect(human.stdout).toContain(`${path} (Secret payments/connectpay-client, tls.crt+ca.crt)\n`);
  });

  it("a Secret without any certificate is an error, a broken one too; neither is a stack trace", async () => {
    const none = await runCli(["check", file("token.yaml", secretYaml(token)), "--json", ...AT]);
    expect(none.code).toBe(1);
    expect(results(none.stdout)[0].findings[0].id).toBe("secret.no-certificate");
    const broken = await runCli(["check", file("broken.yaml", "apiVersion: v1\nkind: Secret\ndata: [\n"), "--json"]);
    expect(broken.code).toBe(1);
    expect(results(broken.stdout)[0].findings[0].id).toBe("secret.unreadable");
  });

  // cert-manager leaves tls.crt empty when issuing fails: that Secret must fail the run and its metric,
  // not drop out of a List whose other Secrets pass.
  it("a TLS Secret whose tls.crt holds no certificate fails on its own beside good ones, in YAML and JSON", async () => {
    const der = readFileSync(`${FIXTURES}format/leaf.der`).toString("latin1");
    const broken = (name: string, crt?: string): SecretSpec => ({
      namespace: "payments",
      name,
      type: "kubernetes.io/tls",
      data: crt === undefined ? { "tls.key": leafKey } : { "tls.crt": crt, "tls.key": leafKey },
    });
    const trusted = pem("leaf.pem").replaceAll("CERTIFICATE-----", "TRUSTED CERTIFICATE-----");
    const list = [tls, broken("empty", ""), broken("der", der), broken("trusted", trusted), broken("missing")];
    for (const text of [secretListYaml(list), secretListJson(list)]) {
      const res = await runCli(["check", file("list", text), "--json", ...AT]);
      expect(res.code).toBe(1);
      const byName = results(res.stdout).map(
        (r: { secret: { name: string }; ok: boolean; findings: { id: string; message: string }[] }) => [
          r.secret.name,
          r.ok,
          r.findings[0]?.message,
        ],
      );
      expect(byName).toEqual([
        ["connectpay-client", true, expect.any(String)],
        [
          "empty",
          false,
          "Secret payments/empty is a kubernetes.io/tls Secret, but its tls.crt is empty: nothing of it was judged.",
        ],
        ["der", false, expect.stringMatching(/but its tls\.crt holds no PEM certificate/)],
        ["trusted", false, expect.stringMatching(/but its tls\.crt holds no PEM certificate/)],
        ["missing", false, expect.stringMatching(/but it has no tls\.crt/)],
      ]);
    }
    const metrics = await runCli(["check", file("list.yaml", secretListYaml(list)), "--format", "prometheus", ...AT]);
    expect(metrics.stdout).toMatch(/^connectpay_cert_check_ok\{[^}]*secret_name="empty",secret_key="tls\.crt"\} 0$/m);
    // Alone, or with every TLS Secret of a List so, it is still named: an alert keyed on secret_name sees it.
    const alone = await runCli(["check", file("one.yaml", secretYaml(broken("empty", ""))), "--json", ...AT]);
    expect(alone.code).toBe(1);
    expect(results(alone.stdout)).toMatchObject([{ ok: false, secret: { name: "empty", key: "tls.crt" } }]);
  });

  it("a broken JSON Secret is not quoted back: V8's message shows the bytes around the fault, a key's among them", async () => {
    const key = "U0VDUkVUS0VZTUFURVJJQUw";
    const broken = file("broken.json", `{"apiVersion":"v1","kind":"Secret","data":{"tls.key": ${key}}}`);
    const checked = await runCli(["check", broken, "--json", ...AT]);
    expect(results(checked.stdout)[0].findings[0]).toMatchObject({ id: "secret.unreadable" });
    const fixed = await runCli(["fix", broken, "--json", "-o", `${broken}.out.pem`]);
    expect(fixed.code).toBe(1);
    for (const res of [checked, fixed]) {
      expect(res.stdout + res.stderr).toMatch(/not valid YAML or JSON \(the JSON breaks\)/);
      expect(res.stdout + res.stderr).not.toContain(key.slice(0, 6));
    }
  });

  it("metrics carry secret_namespace, secret_name and secret_key", async () => {
    const res = await runCli(["check", file("s.yaml", secretYaml(tls)), "--format", "prometheus", ...AT]);
    expect(res.stdout).toMatch(
      /^connectpay_cert_check_ok\{file="[^"]+s\.yaml",secret_namespace="payments",secret_name="connectpay-client",secret_key="tls\.crt\+ca\.crt"\} 1$/m,
    );
    expect(res.stdout).toMatch(
      /^connectpay_cert_not_after_timestamp_seconds\{.*role="leaf",subject_cn="payments\.acme\.example",secret_namespace="payments",secret_name="connectpay-client",secret_key="tls\.crt\+ca\.crt"\} 4070908799$/m,
    );
  });
});

describe("inspect and fix read Secrets", () => {
  it("inspect names the Secret and never shows the key", async () => {
    const res = await runCli(["inspect", file("s.json", secretJson(tls)), ...AT]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("Secret payments/connectpay-client, tls.crt+ca.crt");
    expect(res.stdout).toContain("Kubernetes Secret");
    expect(res.stdout).not.toContain(keyBody);
  });

  it("fix writes the chain of one Secret from stdin, without the key", async () => {
    const res = await runCli(["fix", "-", ...AT], { stdin: secretYaml(tls) });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(pem("chain.pem"));
    expect(res.stderr).toContain("Secret payments/connectpay-client, tls.crt+ca.crt");
  });

  it("fix refuses a List with several bundles and names them (exit 2)", async () => {
    const res = await runCli(["fix", file("l.yaml", secretListYaml([tls, opaque])), ...AT]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /holds 2 certificate bundles \(Secret payments\/connectpay-client, tls\.crt\+ca\.crt; Secret legacy\/partner-bundle, chain\.pem\)/,
    );
  });
});
