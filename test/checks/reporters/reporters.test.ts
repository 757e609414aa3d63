import type { CheckResult } from '../../../src/checks/engine';
import { formatJson } from '../../../src/checks/reporters/json';
import { formatText } from '../../../src/checks/reporters/text';

const result: CheckResult = {
  success: false,
  findings: [
    { rule: 'service-selector-no-match', level: 'error', resource: 'Service/default/api-svc', message: 'no match' },
    { rule: 'service-target-port-undeclared', level: 'warning', resource: 'Service/default/api-svc', message: 'port' },
    { rule: 'namespace-implicit', level: 'info', resource: 'Service/default/other', message: 'ns' },
  ],
};

describe('formatText', () => {
  test('groups findings by object and ends with a summary', () => {
    expect(formatText(result)).toBe([
      'Service/default/api-svc',
      '  error    service-selector-no-match       no match',
      '  warning  service-target-port-undeclared  port',
      '',
      'Service/default/other',
      '  info     namespace-implicit              ns',
      '',
      '1 error, 1 warning, 1 info in 2 objects',
      '',
    ].join('\n'));
  });

  test('says so when there is nothing to report', () => {
    expect(formatText({ success: true, findings: [] })).toBe('No problems found.\n');
  });
});

describe('formatJson', () => {
  test('prints one object with success and the findings in fixed key order', () => {
    const text = formatJson(result);
    expect(JSON.parse(text)).toEqual({ success: false, findings: result.findings });
    expect(text).toMatch(/^\{\n {2}"success": false,\n {2}"findings": \[\n {4}\{\n {6}"rule": "service-selector-no-match",\n {6}"level": "error",\n {6}"resource": "Service\/default\/api-svc",\n {6}"message"/);
  });
});
