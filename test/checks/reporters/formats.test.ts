// The SARIF and JUnit reporters (issue 18): SARIF 2.1.0 valid against the official schema (Microsoft's sarif-js-sdk
// ships it; its matcher validates with ajv), JUnit XML well-formed (fast-xml-parser parses it with validation), every
// text escaped, file and line where the object came from a file.
import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { XMLParser } from 'fast-xml-parser';
import type { CheckResult } from '../../../src/checks/engine';
import { PACK } from '../../../src/checks/pack';
import { formatJunit, xmlAttribute, xmlText } from '../../../src/checks/reporters/junit';
import { artifactUri, formatSarif } from '../../../src/checks/reporters/sarif';

expect.extend({ toBeValidSarifLog });
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

const TOOL = { name: 'cdk8s-dns', version: '1.2.3', informationUri: 'https://example.org/cdk8s-dns' };

/** Findings from two files, standard input, and an object without file (built in memory). */
const RESULT: CheckResult = {
  success: false,
  findings: [
    { rule: 'endpoints-invalid', level: 'warning', resource: 'Endpoints/ops/ext', message: 'leading 0s', file: 'dist/b.yaml', line: 6 },
    { rule: 'service-selector-no-match', level: 'error', resource: 'Service/ops/api', message: 'selects nothing', file: 'dist/a.yaml', line: 8 },
    { rule: 'service-target-port-undeclared', level: 'warning', resource: 'Service/ops/api', message: 'port', file: 'dist/a.yaml', line: 8 },
    { rule: 'namespace-implicit', level: 'info', resource: 'Service/default/piped', message: 'ns', file: '-', line: 3 },
    { rule: 'namespace-implicit', level: 'info', resource: 'Service/default/in-memory', message: 'ns' },
  ],
};

/** Names and messages that XML must escape: markup, quotes, line breaks, controls, a lone surrogate. */
const HOSTILE: CheckResult = {
  success: false,
  findings: [{
    rule: 'service-selector-no-match',
    level: 'error',
    resource: 'Service/ns/a<b>&"c\'',
    message: 'x < y && "q" \'s\' ]]> \u0001\u001b[31m\ttab\r\nline \ud800 end',
    file: 'dir with space/a&b".yaml',
    line: 2,
  }],
};

describe('formatSarif', () => {
  test.each<[string, CheckResult]>([
    ['findings from two files, standard input and memory', RESULT],
    ['no findings', { success: true, findings: [] }],
    ['hostile names and messages', HOSTILE],
  ])('is a valid SARIF 2.1.0 log: %s', (_name, result) => {
    expect(JSON.parse(formatSarif(result, TOOL))).toBeValidSarifLog();
  });

  test('the schema check catches a broken log (the matcher is not vacuous)', () => {
    const log = JSON.parse(formatSarif(RESULT, TOOL));
    log.runs[0].results[0].level = 'fatal';
    expect(log).not.toBeValidSarifLog();
  });

  test('the driver names the tool and describes every rule of the pack', () => {
    const driver = JSON.parse(formatSarif(RESULT, TOOL)).runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'cdk8s-dns', version: '1.2.3', informationUri: 'https://example.org/cdk8s-dns' });
    expect(driver.rules.map((r: any) => r.id)).toEqual(PACK.map((r) => r.id));
    for (const [i, r] of PACK.entries()) {
      expect(driver.rules[i]).toEqual({
        id: r.id,
        shortDescription: { text: r.description },
        fullDescription: { text: r.explanation },
        help: { text: `${r.explanation}\n\nFix: ${r.fix}` },
        defaultConfiguration: { level: { error: 'error', warning: 'warning', info: 'note' }[r.level] },
      });
    }
  });

  test('each result: rule, index, level, message, file and line, and the object as a logical location', () => {
    const log = JSON.parse(formatSarif(RESULT, TOOL));
    const rules = log.runs[0].tool.driver.rules;
    const results = log.runs[0].results;
    expect(results).toHaveLength(5);
    for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results[1]).toEqual({
      ruleId: 'service-selector-no-match',
      ruleIndex: PACK.findIndex((r) => r.id === 'service-selector-no-match'),
      level: 'error',
      message: { text: 'selects nothing' },
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'dist/a.yaml' }, region: { startLine: 8 } },
        logicalLocations: [{ name: 'api', fullyQualifiedName: 'Service/ops/api', kind: 'resource' }],
      }],
    });
    const place = (r: any) => r.locations[0].physicalLocation;
    expect(results.map((r: any) => [r.level, place(r)?.artifactLocation.uri, place(r)?.region.startLine]))
      .toEqual([['warning', 'dist/b.yaml', 6], ['error', 'dist/a.yaml', 8], ['warning', 'dist/a.yaml', 8], ['note', undefined, undefined], ['note', undefined, undefined]]);
  });

  test('a finding of a rule outside the list gets a descriptor of its own', () => {
    const log = JSON.parse(formatSarif({ success: false, findings: [{ rule: 'made-up', level: 'error', resource: 'X//y', message: 'm' }] }, TOOL, PACK.slice(0, 2)));
    expect(log.runs[0].tool.driver.rules[2]).toEqual({ id: 'made-up', shortDescription: { text: 'made-up' } });
    expect(log.runs[0].results[0].ruleIndex).toBe(2);
    expect(log).toBeValidSarifLog();
  });

  test.each<[string, string, string | undefined]>([
    ['a relative path', 'dist/app.k8s.yaml', 'dist/app.k8s.yaml'],
    ['./ dropped', './dist/./a.yaml', 'dist/a.yaml'],
    ['backslashes', 'dist\\sub\\a.yaml', 'dist/sub/a.yaml'],
    ['characters a URI must encode', 'my dir/a#1?%.yaml', 'my%20dir/a%231%3F%25.yaml'],
    ['a colon in the first segment', 'c:d/a.yaml', 'c%3Ad/a.yaml'],
    ['an absolute path', '/srv/dist/a b.yaml', 'file:///srv/dist/a%20b.yaml'],
    ['a Windows drive', 'C:\\repo\\a.yaml', 'file:///C:/repo/a.yaml'],
    ['standard input', '-', undefined],
  ])('artifactUri: %s', (_name, file, uri) => {
    expect(artifactUri(file)).toBe(uri);
  });
});

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' });

/** The report parsed with validation: throws when it is not well-formed. */
function parseXml(xml: string): any {
  return parser.parse(xml, true);
}

describe('formatJunit', () => {
  test('one suite per rule of the pack; a test case per rule and object; errors fail, warnings and info pass', () => {
    // WHEN
    const xml = formatJunit(RESULT);
    const doc = parseXml(xml);

    // THEN
    const suites: any[] = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual(PACK.map((r) => r.id));
    expect(doc.testsuites).toMatchObject({ name: 'cdk8s-dns check', failures: '1', errors: '0', tests: String(PACK.length + 1) });
    const suite = (id: string) => suites.find((s) => s.name === id);
    expect(suite('service-selector-no-match')).toMatchObject({ tests: '1', failures: '1' });
    expect(suite('service-selector-no-match').testcase).toEqual([{
      name: 'Service/ops/api',
      classname: 'service-selector-no-match',
      file: 'dist/a.yaml',
      line: '8',
      failure: { '#text': 'error: selects nothing', 'message': 'selects nothing', 'type': 'error' },
    }]);
    expect(suite('endpoints-invalid').testcase).toEqual([{ 'name': 'Endpoints/ops/ext', 'classname': 'endpoints-invalid', 'file': 'dist/b.yaml', 'line': '6', 'system-out': 'warning: leading 0s' }]);
    // two objects of one rule: two test cases, one from standard input, one from memory (no file)
    expect(suite('namespace-implicit').testcase.map((c: any) => [c.name, c.file, c.line])).toEqual([['Service/default/piped', '-', '3'], ['Service/default/in-memory', undefined, undefined]]);
    expect(suite('namespace-implicit')).toMatchObject({ tests: '2', failures: '0' });
    // a rule without findings passes as one test case
    expect(suite('endpoints-orphaned').testcase).toEqual([{ name: 'all objects', classname: 'endpoints-orphaned' }]);
  });

  test('the findings of one rule on one object are one test case: failed when one is an error, all messages kept', () => {
    const result: CheckResult = {
      success: false,
      findings: [
        { rule: 'service-selector-no-match', level: 'warning', resource: 'Service/a/b', message: 'first' },
        { rule: 'service-selector-no-match', level: 'error', resource: 'Service/a/b', message: 'second' },
      ],
    };
    const cases = parseXml(formatJunit(result)).testsuites.testsuite[0].testcase;
    expect(cases).toHaveLength(1);
    expect(cases[0].failure).toEqual({ '#text': 'warning: first\nerror: second', 'message': 'second', 'type': 'error' });
  });

  test('the parser refuses XML that is not well-formed (the check is not vacuous)', () => {
    expect(() => parseXml('<testsuites><testsuite></testsuites>')).toThrow();
    expect(() => parseXml('<a b="1" b="2"/>')).toThrow();
  });

  test('no findings: every rule passes', () => {
    const doc = parseXml(formatJunit({ success: true, findings: [] }));
    expect(doc.testsuites).toMatchObject({ tests: String(PACK.length), failures: '0' });
  });

  test('escapes markup, quotes, line breaks and characters XML cannot hold, in names, files and messages', () => {
    // WHEN
    const xml = formatJunit(HOSTILE);

    // THEN: well-formed, no character XML 1.0 forbids, and the texts read back as written (controls as \uXXXX)
    expect(() => parseXml(xml)).not.toThrow();
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/);
    const c = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, htmlEntities: true, trimValues: false, isArray: (n) => n === 'testsuite' || n === 'testcase' })
      .parse(xml, true).testsuites.testsuite[0].testcase[0];
    expect(c.name).toBe('Service/ns/a<b>&"c\'');
    expect(c.file).toBe('dir with space/a&b".yaml');
    expect(c.failure.message).toBe('x < y && "q" \'s\' ]]> \\u0001\\u001b[31m\ttab\r\nline \\ud800 end');
  });

  test.each<[string, string, string, string]>([
    ['markup', '<a & b>', '&lt;a &amp; b&gt;', '&lt;a &amp; b&gt;'],
    ['quotes', '"x" \'y\'', '"x" \'y\'', '&quot;x&quot; \'y\''],
    ['line breaks and tabs', 'a\nb\r\tc', 'a\nb\r\tc', 'a&#10;b&#13;&#9;c'],
    ['C0 controls', 'a\u0000b\u001bc', 'a\\u0000b\\u001bc', 'a\\u0000b\\u001bc'],
    ['a lone surrogate, a pair kept', '\udc00 \ud83d\ude00', '\\udc00 \ud83d\ude00', '\\udc00 \ud83d\ude00'],
    ['U+FFFE', '\ufffe', '\\ufffe', '\\ufffe'],
  ])('xmlText and xmlAttribute: %s', (_name, input, text, attribute) => {
    expect(xmlText(input)).toBe(text);
    expect(xmlAttribute(input)).toBe(attribute);
  });
});
