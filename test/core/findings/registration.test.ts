import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readBundle } from "../../../src/core/input/read-bundle.js";
import { registrationChanged } from "../../../src/core/rules/registration-changed.js";
import { FIXTURES } from "../../helpers/cli.js";
import { runRule } from "./run-rule.js";

const registered = readBundle(readFileSync(`${FIXTURES}leaf/server-auth-only.pem`), "r.pem").entries[0].cert;

describe("registration.changed", () => {
  it("names the serial that differs and quotes the --registered file in its command", () => {
    const found = runRule(registrationChanged, "good/chain.pem", { registered, registeredFile: "my cert.pem" });
    expect(found).toEqual([
      {
        id: "registration.changed",
        severity: "error",
        message:
          "The leaf, Certificate 1 (CN=payments.acme.example), is not the certificate registered with ConnectPay: serial 7A1003C0FFEE (registered: 7A1007C0FFEE). ConnectPay matches serial number and CN, so it refuses this certificate until the new one is sent to it.",
        certificate: 0,
        hint: "Send it to ConnectPay before you deploy it: `connectpay-cert fix FILE --zip connectpay.zip --registered 'my cert.pem'` writes the package and the email.",
      },
    ]);
  });
});
