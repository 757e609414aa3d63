/**
 * Text reporter: findings grouped by object, one line each (ending with the file and line of an object read from a
 * file), then a summary line.
 *
 *   Service/default/api-svc
 *     error    service-selector-no-match  Service "api-svc" selects app=api-server, ...
 *
 *   1 error, 0 warnings, 0 info in 1 object
 *
 * When findings were folded past the bound of one rule on one object (`Finding.folded`, src/checks/fold.ts), the
 * summary line counts the findings listed, then how many more are not listed and how to list them, so that the numbers
 * add up (the finding that stands for the folded ones is counted among those, not among the listed):
 *
 *   100 errors, 0 warnings, 0 info listed in 1 object; 50 more findings not listed (--all-findings lists them)
 */
import { oneLine } from '../../model/display';
import type { CheckResult } from '../engine';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** ` (dist/app.yaml:12)` for an object read from a file; standard input has no file to open (the line is in --json). */
function at(f: CheckResult['findings'][number]): string {
  return f.file !== undefined && f.file !== '-' && f.line !== undefined ? ` (${oneLine(f.file)}:${f.line})` : '';
}

/**
 * The report as text (trailing newline). Resources and messages quote the input, so their control and invisible
 * characters are escaped (`oneLine`): a manifest cannot drive the terminal that shows the report.
 */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  let current: string | undefined;
  let width = 0;
  for (const f of result.findings) width = Math.max(width, f.rule.length); // no spread: findings may be many
  for (const f of result.findings) {
    if (f.resource !== current) {
      if (current !== undefined) lines.push('');
      lines.push(oneLine(f.resource));
      current = f.resource;
    }
    lines.push(`  ${f.level.padEnd(8)} ${oneLine(f.rule).padEnd(width)}  ${oneLine(f.message)}${at(f)}`);
  }
  const count = (l: string) => result.findings.filter((f) => f.level === l && f.folded === undefined).length;
  const objects = new Set(result.findings.map((f) => f.resource)).size;
  let folded = 0;
  for (const f of result.findings) folded += f.folded ?? 0;
  const notListed = folded === 0 ? '' : ` listed in ${plural(objects, 'object')}; ${folded.toLocaleString('en-US')} more ${folded === 1 ? 'finding' : 'findings'} not listed (--all-findings lists them)`;
  if (lines.length > 0) lines.push('');
  lines.push(result.findings.length === 0
    ? 'No problems found.'
    : `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info${notListed || ` in ${plural(objects, 'object')}`}`);
  return `${lines.join('\n')}\n`;
}
