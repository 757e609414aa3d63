/**
 * JSON reporter: one object
 * `{"success": bool, "findings": [{"rule","level","resource","message","file","line","copies","folded"}]}`,
 * findings in the engine's sorted order, keys in this fixed order; `file` and `line` only where the object was read
 * from a file (`-` for standard input); `copies` only on a finding that stands for the kustomize copies of its object
 * in other namespaces too (their resources: `Finding.copies`); `folded` only on the finding that stands for the
 * findings of its rule on its object past the engine's bound, how many (`Finding.folded`, src/checks/fold.ts).
 */
import type { CheckResult } from '../engine';

/** The report as a JSON string (two-space indent, trailing newline). */
export function formatJson(result: CheckResult): string {
  const value = {
    success: result.success,
    findings: result.findings.map((f) => ({
      rule: f.rule, level: f.level, resource: f.resource, message: f.message, file: f.file, line: f.line, copies: f.copies, folded: f.folded,
    })),
  };
  return `${JSON.stringify(value, undefined, 2)}\n`;
}
