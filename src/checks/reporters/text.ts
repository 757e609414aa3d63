/**
 * Text reporter: findings grouped by object, one line each, then a summary line.
 *
 *   Service/default/api-svc
 *     error    service-selector-no-match  Service "api-svc" selects app=api-server, ...
 *
 *   1 error, 0 warnings, 0 info in 1 object
 */
import type { CheckResult } from '../engine';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** The report as text (trailing newline). */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  let current: string | undefined;
  const width = Math.max(0, ...result.findings.map((f) => f.rule.length));
  for (const f of result.findings) {
    if (f.resource !== current) {
      if (current !== undefined) lines.push('');
      lines.push(f.resource);
      current = f.resource;
    }
    lines.push(`  ${f.level.padEnd(8)} ${f.rule.padEnd(width)}  ${f.message}`);
  }
  const count = (l: string) => result.findings.filter((f) => f.level === l).length;
  const objects = new Set(result.findings.map((f) => f.resource)).size;
  if (lines.length > 0) lines.push('');
  lines.push(result.findings.length === 0
    ? 'No problems found.'
    : `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info in ${plural(objects, 'object')}`);
  return `${lines.join('\n')}\n`;
}
