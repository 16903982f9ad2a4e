import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT, runCli } from "../helpers/cli.js";

// xmllint (Debian: libxml2-utils) judges the JUnit output against Jenkins' junit-10.xsd, vendored beside
// this file. Outside CI a machine without it skips, saying why; in CI its absence fails (.ci/run installs it).
const present = spawnSync("xmllint", ["--version"]).status === 0;
const XSD = `${ROOT}test/report/junit-10.xsd`;

it.runIf(Boolean(process.env.CI))("has xmllint in CI", () => {
  expect(present, "xmllint not on PATH: apt-get install libxml2-utils").toBe(true);
});

let dir: string;
let junit: string;
beforeAll(async () => {
  dir = mkdtempSync(`${tmpdir()}/cpc-junit-`);
  // A file name with a tab, an ESC and XML's own characters; a good chain, a warning under --strict, and an
  // input that cannot be read.
  copyFileSync(`${FIXTURES}chain/reversed.pem`, `${dir}/tab\tesc\u001b<&">.pem`);
  copyFileSync(`${FIXTURES}good/chain.pem`, `${dir}/good.pem`);
  copyFileSync(`${FIXTURES}format/bag-attributes.pem`, `${dir}/bag.pem`);
  writeFileSync(`${dir}/notes.txt`, "not searched");
  const res = await runCli(["check", dir, `${dir}/missing.pem`, "--format", "junit", "--strict", "--at", "2030-01-01"]);
  expect(res.code).toBe(2);
  junit = res.stdout;
});

const title = present ? "xmllint" : "xmllint (skipped: xmllint is not on PATH; apt-get install libxml2-utils)";
describe.skipIf(!present)(title, () => {
  it("validates the CLI's JUnit output against Jenkins' junit-10.xsd", () => {
    const res = spawnSync("xmllint", ["--noout", "--schema", XSD, "-"], { input: junit, encoding: "utf8" });
    expect(res.stderr).toBe("- validates\n");
    expect(res.status).toBe(0);
  });

  it("is live: the schema refuses a test case without a name and properties without a property", () => {
    for (const broken of [
      junit.replace(/<testcase classname="([^"]*)" name="[^"]*"/, '<testcase classname="$1"'),
      junit.replace(/<properties>.*<\/properties>/, "<properties></properties>"),
    ]) {
      const res = spawnSync("xmllint", ["--noout", "--schema", XSD, "-"], { input: broken, encoding: "utf8" });
      expect(res.status).not.toBe(0);
    }
  });
});

describe("JUnit beyond Jenkins' schema", () => {
  const suite = () => new XMLParser({ ignoreAttributes: false }).parse(junit).testsuites.testsuite;

  it("carries the testsuite attributes the strict Ant schema requires, in its types", () => {
    const s = suite();
    // Ant's JUnit.xsd: timestamp is a dateTime without zone, hostname a non-empty token, id an int, package a token.
    expect(s["@_timestamp"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(s["@_hostname"]).toMatch(/^\S+$/);
    expect(s["@_id"]).toBe("0");
    expect(s["@_package"]).toBe("connectpay-cert");
    expect(s.properties.property["@_name"]).toBe("connectpay-cert.version");
    expect(Object.keys(s)).toEqual(expect.arrayContaining(["system-out", "system-err"]));
  });

  it("gives real times as xs:decimal seconds, the suite's the whole run", () => {
    const s = suite();
    const times = s.testcase.map((t: Record<string, string>) => t["@_time"]);
    for (const t of [...times, s["@_time"]]) expect(t).toMatch(/^\d+\.\d{3}$/);
    expect(new XMLParser({ ignoreAttributes: false }).parse(junit).testsuites["@_time"]).toBe(s["@_time"]);
    expect(Number(s["@_time"])).toBeGreaterThan(0);
  });

  it("counts a warning under --strict as a failure and an unreadable input as an error", () => {
    const s = suite();
    expect([s["@_tests"], s["@_failures"], s["@_errors"]]).toEqual(["4", "2", "1"]);
  });
});
