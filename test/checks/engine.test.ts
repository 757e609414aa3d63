import type { CheckContext } from '../../src/checks/context/check-context';
import { check, checkObjects } from '../../src/checks/engine';
import { PACK } from '../../src/checks/pack';
import type { Rule } from '../../src/checks/rule';
import { ClusterModel } from '../../src/model/cluster-model';

const fixed = (id: string, level: Rule['level'], resource: string, message: string): Rule => ({
  id,
  level,
  description: id,
  explanation: id,
  fix: id,
  check: () => [{ rule: id, level, resource, message }],
});

describe('check', () => {
  const model = ClusterModel.fromObjects([]);

  test('turns a rule that throws into an error finding and still runs the other rules', () => {
    const boom: Rule = { ...fixed('boom', 'warning', '', ''), check: () => { throw new TypeError('cannot read x of undefined'); } };
    const result = check(model, { rules: [boom, fixed('ok', 'info', 'Service/default/a', 'fine')] });
    expect(result.success).toBe(false);
    expect(result.findings).toEqual([
      { rule: 'boom', level: 'error', resource: 'Checker//boom', message: expect.stringMatching(/^Rule boom failed on these manifests \(cannot read x of undefined\).*checker bug/) },
      { rule: 'ok', level: 'info', resource: 'Service/default/a', message: 'fine' },
    ]);
  });

  test('reports a rule that returns something other than a list', () => {
    const bad: Rule = { ...fixed('bad', 'info', '', ''), check: () => undefined as any };
    expect(check(model, { rules: [bad] }).findings[0].message).toMatch(/returned undefined instead of a list of findings/);
  });

  test('sorts by resource, then level, rule and message, and removes duplicates', () => {
    const rules = [
      fixed('z-rule', 'warning', 'Service/default/b', 'm'),
      fixed('a-rule', 'info', 'Service/default/a', 'm'),
      fixed('b-rule', 'error', 'Service/default/a', 'm'),
      fixed('b-rule', 'error', 'Service/default/a', 'm'),
    ];
    const result = check(model, { rules });
    expect(result.findings.map((f) => `${f.resource} ${f.rule}`)).toEqual([
      'Service/default/a b-rule', 'Service/default/a a-rule', 'Service/default/b z-rule',
    ]);
  });

  test('succeeds with warnings and info only', () => {
    expect(check(model, { rules: [fixed('w', 'warning', 'X//y', 'm')] }).success).toBe(true);
  });

  test('gives every rule of a run the same check context, and each run a new one', () => {
    const seen: CheckContext[] = [];
    const spy = (id: string): Rule => ({ ...fixed(id, 'info', '', ''), check: (ctx) => { seen.push(ctx); return []; } });
    check(model, { rules: [spy('a'), spy('b')], complete: true });
    check(model, { rules: [spy('a')] });
    expect(seen).toHaveLength(3);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen.map((c) => [c.model, c.options.complete])).toEqual([[model, true], [model, true], [model, false]]);
    expect(seen[2].podTemplates).not.toBe(seen[0].podTemplates); // nothing kept from one run to the next
  });

  test('gives the same result for the same input (deterministic)', () => {
    const objs = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { selector: { app: 'x' }, ports: [{ port: 1 }] } }];
    expect(checkObjects(objs)).toEqual(checkObjects(objs));
  });
});

describe('PACK', () => {
  test('has unique kebab-case ids and a description, explanation and fix for every rule', () => {
    const ids = PACK.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of PACK) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(r.level);
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.explanation.length).toBeGreaterThan(30);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});

describe('suppression by annotation', () => {
  const svc = (annotations: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'op', annotations }, spec: { selector: { app: 'made-by-operator' }, ports: [{ port: 80 }] } });

  test('reports the rule when the object does not ignore it', () => {
    expect(checkObjects([svc({})]).findings.map((f) => f.rule)).toEqual(['service-selector-no-match']);
  });

  test('drops findings of the rules named in checks.cdk8s-service-discovery.io/ignore', () => {
    expect(checkObjects([svc({ 'checks.cdk8s-service-discovery.io/ignore': 'other-rule, service-selector-no-match' })])).toEqual({ success: true, findings: [] });
    expect(checkObjects([svc({ 'checks.cdk8s-service-discovery.io/ignore': '*' })]).findings).toEqual([]);
  });
});
