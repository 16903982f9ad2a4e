import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/findings/finding.js";
import { parseFindingSwitches } from "../../src/core/verdict/findings-config.js";
import { settleInput } from "../../src/core/verdict/judge-input.js";
import { decideVerdict, levelOf, type VerdictPolicy } from "../../src/core/verdict/verdict.js";

// Findings as data: the verdict weighs whatever ids and severities it is given.
const expired: Finding = { id: "validity.expired", severity: "error", message: "expired", certificate: 0 };
const duplicate: Finding = { id: "chain.duplicate", severity: "warning", message: "a copy", certificate: 2 };
const privateRoot: Finding = { id: "root.not-publicly-trusted", severity: "info", message: "private root" };
const revoked: Finding = { id: "revocation.revoked", severity: "error", message: "revoked", certificate: 0 };

const FILE = "connectpay-cert.config.json";
const plain: VerdictPolicy = { strict: false };
const strict: VerdictPolicy = { strict: true };
const config = (switches: Record<string, "off" | "error" | "warning" | "info">, isStrict = false): VerdictPolicy => ({
  strict: isStrict,
  config: { file: FILE, switches },
});
const ids = (v: { findings: { id: string }[] }) => v.findings.map((f) => f.id);

describe("decideVerdict: one verdict from the findings and what weighs them", () => {
  it("an error fails the run; a warning and an info do not, unless --strict makes the warning fail", () => {
    expect(decideVerdict([expired], plain)).toMatchObject({ ok: false, findings: [{ fails: true }], silenced: 0 });
    const warned = decideVerdict([duplicate, privateRoot], plain);
    expect(warned.ok).toBe(true);
    expect(warned.findings.map((f) => [f.fails, levelOf(f)])).toEqual([
      [false, "warning"],
      [false, "info"],
    ]);
    const strictly = decideVerdict([duplicate, privateRoot], strict);
    expect(strictly.ok).toBe(false);
    expect(strictly.findings.map((f) => [f.severity, f.fails, levelOf(f)])).toEqual([
      ["warning", true, "error"],
      ["info", false, "info"],
    ]);
  });

  it("keeps a switched-off error in the report, marked suppressed by the config file, and accepts", () => {
    const v = decideVerdict([expired, privateRoot], config({ "validity.expired": "off" }));
    expect(v.ok).toBe(true);
    expect(v.silenced).toBe(1);
    expect(v.findings[0]).toEqual({
      ...expired,
      fails: false,
      suppressed: { by: "config", file: FILE, setting: "off", severity: "error" },
    });
    expect(levelOf(v.findings[0])).toBe("off");
  });

  it("drops a switched-off finding that would not fail the run, and counts it", () => {
    const v = decideVerdict(
      [duplicate, privateRoot],
      config({ "chain.duplicate": "off", "root.not-publicly-trusted": "off" }),
    );
    expect(v).toEqual({ ok: true, findings: [], silenced: 2 });
  });

  it("under --strict a switched-off warning would fail the run, so it stays, suppressed", () => {
    const v = decideVerdict([duplicate], config({ "chain.duplicate": "off" }, true));
    expect(v.ok).toBe(true);
    expect(v.findings).toEqual([
      { ...duplicate, fails: false, suppressed: { by: "config", file: FILE, setting: "off", severity: "warning" } },
    ]);
  });

  it("an error re-graded down is suppressed; under --strict a warning still fails, so it is not", () => {
    const down = decideVerdict([expired], config({ "validity.expired": "warning" }));
    expect(down.ok).toBe(true);
    // Counted as silenced, as the summary line says it was (a review found the footer saying 0).
    expect(down.silenced).toBe(1);
    expect(down.findings[0]).toMatchObject({
      severity: "warning",
      fails: false,
      suppressed: { by: "config", file: FILE, setting: "warning", severity: "error" },
    });
    const strictDown = decideVerdict([expired], config({ "validity.expired": "warning" }, true));
    expect(strictDown.ok).toBe(false);
    expect(strictDown.findings[0]).toEqual({ ...expired, severity: "warning", fails: true });
  });

  it("a warning re-graded up fails the run, with no suppression mark", () => {
    const v = decideVerdict([duplicate], config({ "chain.duplicate": "error" }));
    expect(v.ok).toBe(false);
    expect(v.findings).toEqual([{ ...duplicate, severity: "error", fails: true }]);
  });

  it("deciding again from judged findings starts from what was observed", () => {
    const once = decideVerdict([expired, duplicate], config({ "validity.expired": "warning" }));
    expect(decideVerdict(once.findings, plain)).toEqual(decideVerdict([expired, duplicate], plain));
  });

  it("deciding again under another policy gives what deciding once under it gives, key order included", () => {
    // First verdicts that keep every finding (a switched-off one that would not fail is gone for good).
    const keeping = [plain, strict, config({ "validity.expired": "info" }, true)];
    for (const first of keeping)
      for (const second of [...keeping, config({ "chain.duplicate": "off" })]) {
        const again = decideVerdict(decideVerdict([expired, duplicate, privateRoot], first).findings, second);
        const once = decideVerdict([expired, duplicate, privateRoot], second);
        expect(JSON.stringify(again.findings)).toBe(JSON.stringify(once.findings));
        expect(again.ok).toBe(once.ok);
      }
  });
});

describe("settleInput: observations become findings in core, then one verdict", () => {
  const bundle = (findings: Finding[]) => {
    const { ok, findings: judged } = decideVerdict(findings, plain);
    return { input: "chain.pem", ok, certificates: [], path: [0], findings: judged };
  };

  it("revocation answers join the bundle's findings and can reject an otherwise good chain", () => {
    const good = bundle([privateRoot]);
    expect(settleInput({ kind: "bundle", result: good }, plain).result.ok).toBe(true);
    const settled = settleInput({ kind: "bundle", result: good, revocation: { findings: [revoked] } }, plain);
    expect(settled.result.ok).toBe(false);
    expect(ids(settled.result)).toEqual(["root.not-publicly-trusted", "revocation.revoked"]);
  });

  it("a config switch reaches revocation findings too, visibly", () => {
    const observed = { kind: "bundle" as const, result: bundle([]), revocation: { findings: [revoked] } };
    const settled = settleInput(observed, config({ "revocation.revoked": "off" }));
    expect(settled).toMatchObject({ result: { ok: true }, silenced: 1 });
    expect(settled.result.findings[0].suppressed).toEqual({
      by: "config",
      file: FILE,
      setting: "off",
      severity: "error",
    });
  });

  it("the key file's mode bits: readable by others is key.permissions (a warning that fails under --strict)", () => {
    const loose = { kind: "bundle" as const, result: bundle([]), key: { file: "client.key", mode: 0o644 } };
    const settled = settleInput(loose, plain).result;
    expect(settled.ok).toBe(true);
    expect(settled.findings).toEqual([
      {
        id: "key.permissions",
        severity: "warning",
        message: "The private key client.key is readable by its group and everyone (mode 644).",
        hint: "Restrict it to its owner: chmod 600 client.key",
        fails: false,
      },
    ]);
    expect(settleInput(loose, strict).result.ok).toBe(false);
    for (const mode of [0o600, 0o400, undefined]) {
      const tight = { kind: "bundle" as const, result: bundle([]), key: { file: "client.key", mode } };
      expect(settleInput(tight, strict).result.findings).toEqual([]);
    }
  });

  it("a key file a scan met: input.key-file, and its permissions", () => {
    const settled = settleInput({ kind: "key-file", mode: { file: "certs/client.key", mode: 0o640 } }, plain).result;
    expect(settled).toMatchObject({ input: "certs/client.key", ok: true, certificates: [], path: [] });
    expect(settled.findings.map((f) => [f.id, f.message])).toEqual([
      ["input.key-file", "certs/client.key is a key file (a private key only): only its permissions are checked."],
      ["key.permissions", "The private key certs/client.key is readable by its group (mode 640)."],
    ]);
  });

  it("an input that could not be read is input.unreadable, an error that fails the run", () => {
    const settled = settleInput(
      { kind: "unreadable", input: "gone.pem", error: "cannot read gone.pem: no such file" },
      plain,
    );
    expect(settled.result).toEqual({
      input: "gone.pem",
      ok: false,
      error: "cannot read gone.pem: no such file",
      certificates: [],
      path: [],
      findings: [
        {
          id: "input.unreadable",
          severity: "error",
          message: "cannot read gone.pem: no such file",
          hint: "Check the path and its permissions.",
          fails: true,
        },
      ],
    });
  });

  it("an input nobody read is never ok, even if a policy switched input.unreadable off (found in review)", () => {
    const observed = { kind: "unreadable", input: "gone.pem", error: "cannot read gone.pem: no such file" } as const;
    expect(settleInput(observed, config({ "input.unreadable": "off" })).result.ok).toBe(false);
    expect(settleInput(observed, config({ "input.unreadable": "info" })).result.ok).toBe(false);
  });

  it("a config file may not switch input.unreadable at all", () => {
    expect(() => parseFindingSwitches("c.json", { "input.unreadable": "off" })).toThrow(
      /"input\.unreadable" cannot be switched: it means the input was not read at all/,
    );
    expect(parseFindingSwitches("c.json", { "validity.expired": "off" })).toEqual({ "validity.expired": "off" });
  });
});

describe("a judged finding", () => {
  it("has the finding's keys in the finding's order, then fails (the JSON's order), whatever the finding's shape", () => {
    const shapes: Finding[] = [
      { id: "chain.reversed", severity: "error", message: "m" },
      { id: "chain.reversed", severity: "warning", message: "m", certificate: 1 },
      { id: "chain.reversed", severity: "info", message: "m", hint: "h" },
      { id: "chain.reversed", severity: "error", message: "m", certificate: 0, hint: "h", line: 3 },
    ];
    for (const strict of [false, true]) {
      const { findings } = decideVerdict(shapes, { strict });
      expect(findings.map((f) => JSON.stringify(f))).toEqual(
        shapes.map((f) =>
          JSON.stringify({ ...f, fails: f.severity === "error" || (strict && f.severity === "warning") }),
        ),
      );
    }
  });
});
