/**
 * JUnit XML reporter: the report as test results, as GitLab (`artifacts:reports:junit`) and Jenkins show them.
 *
 * - One `<testsuite>` per rule, named by its id, in the pack's order: the suites table then says which rules failed.
 * - One `<testcase>` per rule and object (`name` the object `Kind/namespace/name`, `classname` the rule id, `file` and
 *   `line` where the object was read from a file), holding all of that rule's findings on the object. A rule without
 *   findings has one passing test case, `all objects`, so that every rule counts as a test.
 * - Errors are `<failure>`s (the message of the first, every message in the body). Warnings and info are not failures,
 *   as they do not fail `check` (exit 0): their test cases pass, with the findings in `<system-out>`, which Jenkins
 *   shows and GitLab keeps in the report. So failed tests appear exactly when `check` exits 1.
 * - The finding that stands for the findings of its rule on its object past the engine's bound (`Finding.folded`,
 *   src/checks/fold.ts) is in its test case like any other, its message counting them; the rule's test suite has the
 *   property `folded` with their number in all (`<properties>` first in the `<testsuite>`, where the JUnit schemas that
 *   Jenkins and pytest's xunit2 check against allow it: they refuse it in a `<testcase>`).
 * - Every text is escaped for XML: `& < > "` as entities, line breaks and tabs in attributes as character references,
 *   and characters XML cannot hold at all (C0 controls, lone surrogates, U+FFFE/U+FFFF) as the text `\uXXXX`.
 */
import type { CheckResult } from '../engine';
import { PACK } from '../pack';
import type { Finding, Rule } from '../rule';

/** Characters XML 1.0 does not allow, even as character references. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function legal(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text content: `&`, `<`, `>` as entities (`>` for `]]>`). */
export function xmlText(text: string): string {
  return legal(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also `"`, and line breaks and tabs, which attributes would turn into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** A test case: one rule on one object. */
interface Case {
  readonly resource: string;
  readonly findings: Finding[];
}

/** The report as JUnit XML (trailing newline). */
export function formatJunit(result: CheckResult, rules: readonly Pick<Rule, 'id'>[] = PACK): string {
  const byRule = new Map<string, Map<string, Case>>(rules.map((r) => [r.id, new Map()]));
  for (const f of result.findings) {
    let cases = byRule.get(f.rule);
    if (!cases) byRule.set(f.rule, cases = new Map());
    let c = cases.get(f.resource);
    if (!c) cases.set(f.resource, c = { resource: f.resource, findings: [] });
    c.findings.push(f);
  }
  const failed = (c: Case) => c.findings.some((f) => f.level === 'error');
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [rule, cases] of byRule) {
    const list = [...cases.values()];
    const suiteFailures = list.filter(failed).length;
    const count = Math.max(1, list.length);
    tests += count;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${xmlAttribute(rule)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="0">`);
    let folded = 0;
    for (const c of list) for (const f of c.findings) folded += f.folded ?? 0;
    if (folded > 0) suites.push(`    <properties><property name="folded" value="${folded}"/></properties>`);
    if (list.length === 0) suites.push(`    <testcase name="all objects" classname="${xmlAttribute(rule)}"/>`);
    for (const c of list) suites.push(testCase(rule, c, failed(c))); // no spread: findings may be many
    suites.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdk8s-dns check" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(rule: string, c: Case, failed: boolean): string {
  const first = c.findings[0];
  const place = first.file === undefined ? '' : ` file="${xmlAttribute(first.file)}"${first.line === undefined ? '' : ` line="${first.line}"`}`;
  const open = `    <testcase name="${xmlAttribute(c.resource)}" classname="${xmlAttribute(rule)}"${place}>`;
  const text = xmlText(c.findings.map((f) => `${f.level}: ${f.message}`).join('\n'));
  const inner = failed
    ? `      <failure message="${xmlAttribute(c.findings.find((f) => f.level === 'error')!.message)}" type="error">${text}</failure>`
    : `      <system-out>${text}</system-out>`;
  return [open, inner, '    </testcase>'].join('\n');
}
