import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkInput } from "../../../src/core/check-input.js";
import { prepareSecretParser } from "../../../src/core/input/kubernetes-secret.js";
import { FIXTURES } from "../../helpers/cli.js";
import { expectExample } from "./expect-example.js";

const OPTIONS = { at: new Date("2030-01-01"), warnDays: 30, scope: "chain", strict: false } as const;

async function judge(yaml: string) {
  await prepareSecretParser(yaml);
  return checkInput(Buffer.from(yaml), "secret.yaml", OPTIONS)[0].result.findings;
}

const secret = (crt: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: connectpay-client, namespace: payments}\ntype: kubernetes.io/tls\ndata: {tls.crt: "${crt}", tls.key: "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCg=="}\n`;

// Kubernetes Secrets are written by the tests that need them (test/cli/kubernetes-secret.test.ts); these are small.
describe("Kubernetes Secret findings", () => {
  it("a TLS Secret's key is info, named by Secret and data key", async () => {
    const chain = readFileSync(`${FIXTURES}good/chain.pem`).toString("base64");
    const found = await judge(secret(chain));
    expectExample("secret.private-key", found[0]);
    expect(found[0].certificate).toBeUndefined();
  });

  it("a Secret without a certificate, one that is not YAML", async () => {
    const found = await judge(secret(""));
    expect(found.map((f) => f.id)).toEqual(["secret.no-certificate"]);
    expectExample("secret.no-certificate", found[0]);
    // A Secret of another type without one: the file as a whole holds no certificate.
    const opaque = await judge("apiVersion: v1\nkind: Secret\nmetadata: {name: token}\ndata: {token: dG9rZW4=}\n");
    expect(opaque[0].message).toBe(
      "The input is a Kubernetes Secret (or List), but no key of any Secret holds a PEM certificate.",
    );
    expectExample("secret.unreadable", (await judge("apiVersion: v1\nkind: Secret\ndata: [\n"))[0]);
  });
});
