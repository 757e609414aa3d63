// GIVEN values of GitOps and template tools, WHEN asked whether they hold a placeholder, THEN the one test of each
// (model/placeholders.ts) answers for the model and the checker alike.
import { hasPlaceholder as checksHasPlaceholder, hasTemplate as checksHasTemplate, isUnfilled as checksIsUnfilled } from '../../src/checks/lib/placeholders';
import { hasPlaceholder, hasTemplate, isUnfilled } from '../../src/model/placeholders';

describe('placeholders', () => {
  test.each<[string, unknown, boolean, boolean]>([
    ['a Flux variable', '${APP}', true, false],
    ['a Flux variable with a default', '${PORT:=80}', true, false],
    ['an escaped Flux variable', '$${APP}', false, false],
    ['an ApplicationSet parameter', '{{path}}', false, true],
    ['a go template', '{{ .path.path }}', false, true],
    ['a Helm expression', '{{ .Values.service.port }}', false, true],
    ['a plain name', 'api', false, false],
    ['not a string', 80, false, false],
  ])('%s', (_case, value, placeholder, template) => {
    expect(hasPlaceholder(value)).toBe(placeholder);
    expect(hasTemplate(value)).toBe(template);
    expect(isUnfilled(value)).toBe(placeholder || template);
  });

  test('the checker uses the same tests', () => {
    expect(checksHasPlaceholder).toBe(hasPlaceholder);
    expect(checksHasTemplate).toBe(hasTemplate);
    expect(checksIsUnfilled).toBe(isUnfilled);
  });
});
