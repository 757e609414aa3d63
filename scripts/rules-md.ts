/**
 * Writes the rule table of RULES.md from the rule objects: one row per rule of the pack (src/checks/pack.ts), in its
 * order, with the id, level, description, explanation and fix that the rule's file src/checks/rules/<id>.ts carries.
 * The hand-written text around the table (the introduction, "Behaviour shared by all rules") stays as it is; only the
 * part between the two markers is replaced. test/checks/rules-md.test.ts fails when RULES.md and the rules differ.
 *
 *   npx projen rules-md             # rewrite the table between the markers
 *   npx projen rules-md --check     # exit 1 when RULES.md is out of date
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACK } from '../src/checks/pack';

/** The texts of a rule that its RULES.md row shows (a rule's `check` plays no part). */
export interface RuleText {
  readonly id: string;
  readonly level: string;
  readonly description: string;
  readonly explanation: string;
  readonly fix: string;
}

export const BEGIN = '<!-- rules:begin (generated from src/checks/rules by `npx projen rules-md`: edit the rule files, not this table) -->';
export const END = '<!-- rules:end -->';

const HEADER = [
  '| Id | Level | What it finds | Why it matters (source) | How to fix |',
  '|---|---|---|---|---|',
];

/** One table cell: a pipe would end the cell, and a line break the row. */
function cell(rule: RuleText, field: keyof RuleText): string {
  const text = rule[field];
  if (/[\r\n]/.test(text)) throw new Error(`rule ${rule.id}: ${field} holds a line break; a RULES.md row is one line`);
  if (text.trim() !== text || text === '') throw new Error(`rule ${rule.id}: ${field} is empty or starts or ends with white space`);
  return text.replace(/\|/g, '\\|');
}

/** The table of `rules`, header included, one line each, without a final newline. */
export function rulesTable(rules: readonly RuleText[]): string {
  const rows = rules.map((r) => `| \`${cell(r, 'id')}\` | ${cell(r, 'level')} | ${cell(r, 'description')} | ${cell(r, 'explanation')} | ${cell(r, 'fix')} |`);
  return [...HEADER, ...rows].join('\n');
}

/** `markdown` with the part between the markers replaced by the table of `rules`. */
export function withRulesTable(markdown: string, rules: readonly RuleText[]): string {
  const begin = markdown.indexOf(BEGIN);
  const end = markdown.indexOf(END);
  if (begin < 0 || end < begin || markdown.indexOf(BEGIN, begin + 1) >= 0 || markdown.indexOf(END, end + 1) >= 0) {
    throw new Error(`RULES.md must hold the markers ${BEGIN} and ${END} once each, in that order`);
  }
  return `${markdown.slice(0, begin)}${BEGIN}\n${rulesTable(rules)}\n${markdown.slice(end)}`;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'RULES.md');
  const current = fs.readFileSync(file, 'utf-8');
  const wanted = withRulesTable(current, PACK);
  if (process.argv.includes('--check')) {
    if (current !== wanted) {
      process.stderr.write('RULES.md is out of date: run `npx projen rules-md`.\n');
      process.exitCode = 1;
    }
  } else if (current !== wanted) {
    fs.writeFileSync(file, wanted);
    process.stdout.write('RULES.md: rule table rewritten.\n');
  }
}
