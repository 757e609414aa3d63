// The engine's bound on the findings of one rule on one object (src/checks/fold.ts): the first MAX_FINDINGS_PER_OBJECT
// are listed, the rest folded into one finding that counts them, in every report format; a folded error still fails.
import { toBeValidSarifLog } from '@microsoft/jest-sarif';
import { XMLParser } from 'fast-xml-parser';
import { deployment, service } from './builders';
import { CheckContext } from '../../src/checks/context/check-context';
import { check, checkObjects, compareFindings } from '../../src/checks/engine';
import { foldFindings, listFindings, MAX_FINDINGS_PER_OBJECT } from '../../src/checks/fold';
import { resolveCheckOptions } from '../../src/checks/options';
import { formatJson } from '../../src/checks/reporters/json';
import { formatJunit } from '../../src/checks/reporters/junit';
import { formatSarif } from '../../src/checks/reporters/sarif';
import { formatText } from '../../src/checks/reporters/text';
import type { Finding, Level, Rule } from '../../src/checks/rule';
import { routeBackendMissing } from '../../src/checks/rules/route-backend-missing';
import { serviceInvalid } from '../../src/checks/rules/service-invalid';
import * as field from '../../src/checks/validation/field';
import { ClusterModel } from '../../src/model/cluster-model';
import { cpuClock } from '../cpu-clock';

expect.extend({ toBeValidSarifLog });
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeValidSarifLog(): R;
    }
  }
}

const f = (n: number, level: Level = 'error', resource = 'HTTPRoute/shop/r', rule = 'route-backend-missing'): Finding =>
  ({ rule, level, resource, message: `backendRefs[${n}] names a missing Service. Fix: create it.` });

/** A rule that makes `levels` findings on one object, in that order. */
function ruleOf(levels: readonly Level[]): Rule {
  return {
    id: 'many',
    level: 'error',
    description: 'many',
    explanation: 'many',
    fix: 'none',
    check: () => levels.map((level, i) => ({ rule: 'many', level, resource: 'ConfigMap/shop/c', message: `item ${i}. Fix: drop it.` })),
  };
}

/** An HTTPRoute in namespace shop (which holds a Service and a workload, so its backends are judged) of `n` missing backends. */
function route(n: number): object[] {
  return [
    service('web', { selector: { app: 'web' }, ports: [{ port: 80 }] }, { namespace: 'shop' }),
    deployment('web', { app: 'web' }, [], {}, { namespace: 'shop' }),
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'shop' },
      spec: { rules: [{ backendRefs: Array.from({ length: n }, (_, i) => ({ name: `missing-${i}`, port: 80 })) }] },
    },
  ];
}

describe('foldFindings', () => {
  test('leaves findings alone up to the bound', () => {
    const findings = Array.from({ length: MAX_FINDINGS_PER_OBJECT }, (_, i) => f(i));
    expect(foldFindings(findings)).toEqual(findings);
  });

  test('keeps the first of each rule and object, errors first, and folds the rest into one at the most serious level folded', () => {
    // GIVEN 3 warnings, then 3 errors of one rule on one object, beside another object's and another rule's
    const findings = [f(0, 'warning'), f(1, 'warning'), f(2, 'warning'), f(3), f(4), f(5), f(6, 'error', 'HTTPRoute/shop/other'), f(7, 'info', 'HTTPRoute/shop/r', 'other-rule')];
    // WHEN at most 2 are listed
    const out = foldFindings(findings, 2);
    // THEN the two first errors are kept, the others of that rule and object folded, the rest untouched
    expect(out.slice(0, -1)).toEqual([f(3), f(4), f(6, 'error', 'HTTPRoute/shop/other'), f(7, 'info', 'HTTPRoute/shop/r', 'other-rule')]);
    expect(out[out.length - 1]).toEqual({
      rule: 'route-backend-missing',
      level: 'error',
      resource: 'HTTPRoute/shop/r',
      message: '4 more findings of route-backend-missing on this object are not listed (1 error, 3 warnings; at most 2 of one rule on one object are), the first of them: "backendRefs[5] names a missing Service". Fix: fix the findings listed and check again, or check with --all-findings to list them all.',
      folded: 4,
    });
  });

  test('a single folded finding is told as one', () => {
    expect(foldFindings([f(0, 'info'), f(1, 'info')], 1)[1].message).toMatch(/^1 more finding of route-backend-missing on this object is not listed \(1 info; /);
  });
});

describe('the engine bounds the findings of one rule on one object', () => {
  test('an HTTPRoute of 250 missing backends: the first 100 listed in their order, the rest folded into one error', () => {
    const found = checkObjects(route(250), {}, { rules: [routeBackendMissing] });
    expect(found.success).toBe(false);
    expect(found.findings).toHaveLength(MAX_FINDINGS_PER_OBJECT + 1);
    const listed = found.findings.filter((x) => x.folded === undefined).map((x) => /backendRefs\[(\d+)\]/.exec(x.message)![1]);
    expect(new Set(listed)).toEqual(new Set(Array.from({ length: 100 }, (_, i) => String(i))));
    // the folded finding sorts after its rule's others
    expect(found.findings[100]).toMatchObject({ rule: 'route-backend-missing', level: 'error', resource: 'HTTPRoute/shop/r', folded: 150 });
    expect(found.findings[100].message).toMatch(/^150 more findings of route-backend-missing on this object are not listed \(150 errors; at most 100 of one rule on one object are\), the first of them: "HTTPRoute "r" spec\.rules\[0\]\.backendRefs\[100\] names Service "missing-100"/);
  });

  test('allFindings lists every finding', () => {
    const found = checkObjects(route(250), {}, { rules: [routeBackendMissing], allFindings: true });
    expect(found.findings).toHaveLength(250);
    expect(found.findings.some((x) => x.folded !== undefined)).toBe(false);
  });

  test('a folded error fails the run', () => {
    // GIVEN 150 errors and 10 warnings of one rule on one object: 50 errors and the warnings are folded
    const found = check(ClusterModel.fromObjects([]), { rules: [ruleOf([...Array(10).fill('warning'), ...Array(150).fill('error')])] });
    expect(found.success).toBe(false);
    expect(found.findings.filter((x) => x.level === 'warning')).toEqual([]);
    expect(found.findings[100]).toMatchObject({ level: 'error', folded: 60, message: expect.stringMatching(/^60 more findings of many on this object are not listed \(50 errors, 10 warnings; .* the first of them: "item 110"/) });
  });

  test('folded warnings do not fail the run', () => {
    const found = check(ClusterModel.fromObjects([]), { rules: [ruleOf(Array(150).fill('warning'))] });
    expect(found.success).toBe(true);
    expect(found.findings[100]).toMatchObject({ level: 'warning', folded: 50 });
  });

  test('hostile input: 200,000 missing backends end in bounded time with a bounded report', () => {
    // GIVEN the issue's shape: one route of 200,000 backends naming missing Services (about 120 MB of JSON unbounded)
    const cpuMs = cpuClock();
    const result = checkObjects(route(200_000), {}, { rules: [routeBackendMissing] });
    // THEN 101 findings, a report of at most hundreds of kilobytes in every format
    expect(result.findings).toHaveLength(101);
    expect(result.findings[100].folded).toBe(199_900);
    for (const report of [formatJson(result), formatText(result), formatSarif(result, { name: 't', version: '1' }), formatJunit(result)]) {
      expect(report.length).toBeLessThan(500_000);
    }
    expect(cpuMs()).toBeLessThan(60_000);
  }, 120_000);
});

describe('every report format tells the folding', () => {
  const result = checkObjects(route(103), {}, { rules: [routeBackendMissing] });

  test('JSON: the folded finding has `folded`, the others none', () => {
    const json = JSON.parse(formatJson(result));
    expect(json.findings.filter((x: any) => x.folded !== undefined)).toEqual([expect.objectContaining({ folded: 3, message: expect.stringMatching(/^3 more findings/) })]);
  });

  test('text: the summary line counts what is not listed and says how to list it', () => {
    // 103 errors: 100 listed, 3 folded into one more finding (not counted among those listed), so the numbers add up
    expect(formatText(result)).toMatch(/\n100 errors, 0 warnings, 0 info listed in 1 object; 3 more findings not listed \(--all-findings lists them\)\n$/);
    expect(formatText(checkObjects(route(101), {}, { rules: [routeBackendMissing] }))).toMatch(/\n100 errors, 0 warnings, 0 info listed in 1 object; 1 more finding not listed /);
    expect(formatText(checkObjects(route(3), {}, { rules: [routeBackendMissing] }))).toMatch(/\n3 errors, 0 warnings, 0 info in 1 object\n$/);
  });

  test('SARIF: the folded result has properties.folded', () => {
    const sarif = JSON.parse(formatSarif(result, { name: 't', version: '1' }));
    const folded = sarif.runs[0].results.filter((r: any) => r.properties !== undefined);
    expect(folded).toEqual([expect.objectContaining({ level: 'error', properties: { folded: 3 }, message: { text: expect.stringMatching(/^3 more findings/) } })]);
    expect(sarif).toBeValidSarifLog();
  });

  test('JUnit: the rule\'s test suite has the property folded, first, where strict JUnit schemas allow it (not in a test case)', () => {
    const junit = formatJunit(result, [routeBackendMissing]);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(junit);
    const suite = xml.testsuites.testsuite;
    expect(suite.properties.property).toEqual({ '@_name': 'folded', '@_value': '3' });
    // the schema's order (Jenkins' junit-10.xsd, pytest's xunit2): properties, then the test cases
    expect(junit.indexOf('<properties>')).toBeLessThan(junit.indexOf('<testcase'));
    const testcase = suite.testcase;
    expect(testcase['@_name']).toBe('HTTPRoute/shop/r');
    expect(testcase.properties).toBeUndefined();
    expect(testcase.failure['#text']).toMatch(/error: 3 more findings of route-backend-missing on this object are not listed/);
  });
});

describe('rules over one object\'s own lists fold their own findings (listFindings)', () => {
  /** A Service of `n` ports numbered 0 (each a service-invalid error) and `ok` valid ones. */
  const badPorts = (n: number) => [service('s', { selector: { app: 's' }, ports: Array.from({ length: n }, (_, i) => ({ name: `p${i}`, port: 0 })) }, { namespace: 'a' })];

  test('hostile input: a Service of 20,000 bad ports words 101 findings, not 20,000', () => {
    // GIVEN the reviewer's shape (a million `{port: 0}` ports took 27.5 s and 2 GB when every finding was built), smaller
    const words = jest.spyOn(field, 'renderFieldError');
    try {
      // WHEN checked
      const result = checkObjects(badPorts(20_000), {}, { rules: [serviceInvalid] });
      // THEN the first 100 errors are listed and one counts the rest, as the engine's fold words it, and only those are worded
      expect(result.success).toBe(false);
      expect(result.findings).toHaveLength(MAX_FINDINGS_PER_OBJECT + 1);
      // (each port but the first is two errors: port 0, and a duplicate of the first)
      expect(result.findings[100]).toMatchObject({ rule: 'service-invalid', level: 'error', resource: 'Service/a/s', folded: 39_899 });
      expect(result.findings[100].message).toMatch(/^39,899 more findings of service-invalid on this object are not listed \(39,899 errors; at most 100 of one rule on one object are\), the first of them: "Service "s" is invalid: spec\.ports\[50\]: Duplicate value: /);
      expect(words.mock.calls.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_OBJECT + 1);
    } finally {
      words.mockRestore();
    }
  });

  test('the engine does not fold again what a rule folded with listFindings', () => {
    // GIVEN a rule that folds its own 250 findings on one object: 100 listed and one that counts 150
    const own: Rule = {
      ...ruleOf([]),
      id: 'own',
      check: (ctx) => listFindings(Array.from({ length: 250 }, (_, i) => i), () => 'error',
        (i) => ({ rule: 'own', level: 'error', resource: 'ConfigMap/shop/c', message: `item ${i}. Fix: drop it.` }), ctx.options.allFindings),
    };
    // WHEN the engine runs it
    const found = check(ClusterModel.fromObjects([]), { rules: [own] }).findings;
    // THEN it keeps the rule's 101 findings as they are: no second fold of the 100 listed and the rule's fold
    expect(found).toHaveLength(101);
    expect(found.filter((x) => x.folded !== undefined)).toEqual([expect.objectContaining({ rule: 'own', level: 'error', folded: 150 })]);
    expect(found.filter((x) => x.folded === undefined).map((x) => x.message)).toEqual(Array.from({ length: 100 }, (_, i) => `item ${i}. Fix: drop it.`).sort());
  });

  test('the rule\'s fold says what the engine\'s fold of the same findings says', () => {
    // GIVEN every finding of the rule in its order (allFindings)
    const model = ClusterModel.fromObjects(badPorts(150));
    const all = serviceInvalid.check(new CheckContext(model, resolveCheckOptions(model, { allFindings: true })));
    expect(all).toHaveLength(299);
    // THEN the rule's own fold is the engine's fold of them
    expect(checkObjects(badPorts(150), {}, { rules: [serviceInvalid] }).findings).toEqual(foldFindings(all).sort(compareFindings));
  });

  test('listFindings lists errors first, builds only what it lists and the first folded, and lists all when asked', () => {
    const levels: Level[] = [...Array(5).fill('warning'), ...Array(5).fill('error')];
    const built: number[] = [];
    const build = (i: number) => { built.push(i); return f(i, levels[i]); };
    const out = listFindings(levels.map((_, i) => i), (i) => levels[i], build, false, 3);
    expect(out.slice(0, 3)).toEqual([f(5), f(6), f(7)]);
    expect(out[3]).toEqual(foldFindings(levels.map((l, i) => f(i, l)), 3)[3]);
    expect(built).toEqual([5, 6, 7, 8]);
    expect(listFindings(levels.map((_, i) => i), (i) => levels[i], (i) => f(i, levels[i]), true, 3)).toHaveLength(10);
  });
});
