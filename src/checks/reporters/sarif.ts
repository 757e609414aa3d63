/**
 * SARIF reporter: the report as a SARIF 2.1.0 log (OASIS; what GitHub code scanning uploads), one run of one tool.
 *
 * - `tool.driver`: the package's name, version and web address, and every rule of the pack (`rules`), each with its
 *   id, `shortDescription` (description), `fullDescription` (explanation), `help` (explanation and fix) and
 *   `defaultConfiguration.level` (`error`, `warning`, or `note` for info).
 * - `results`: one per finding, in the engine's order: `ruleId`, `ruleIndex`, `level`, `message.text`, and one location
 *   with the object as a logical location (`fullyQualifiedName` `Kind/namespace/name`) and, for an object read from a
 *   file, a physical one: the path as given (forward slashes, percent-encoded; `file://` when absolute) and
 *   `region.startLine`. Standard input has no artifact: its findings have the logical location only. A finding that
 *   stands for the kustomize copies of its object in other namespaces too (`Finding.copies`) has a logical location
 *   for each, after its own. The finding that stands for the findings of its rule on its object past the engine's
 *   bound (`Finding.folded`, src/checks/fold.ts) has their number in `properties.folded`.
 */
import type { CheckResult } from '../engine';
import { PACK } from '../pack';
import type { Level, Rule } from '../rule';

/** The tool that made the report. */
export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri?: string;
}

/** What a SARIF rule descriptor is made of. */
export type SarifRule = Pick<Rule, 'id' | 'level' | 'description' | 'explanation' | 'fix'>;

const SARIF_LEVEL: Record<Level, string> = { error: 'error', warning: 'warning', info: 'note' };

/** The report as a SARIF 2.1.0 log (JSON, two-space indent, trailing newline). */
export function formatSarif(result: CheckResult, tool: SarifTool, rules: readonly SarifRule[] = PACK): string {
  const descriptors: object[] = rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: r.explanation },
    help: { text: `${r.explanation}\n\nFix: ${r.fix}` },
    defaultConfiguration: { level: SARIF_LEVEL[r.level] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings.map((f) => {
    let ruleIndex = index.get(f.rule);
    if (ruleIndex === undefined) { // a rule outside the list: described by its id alone
      ruleIndex = descriptors.length;
      index.set(f.rule, ruleIndex);
      descriptors.push({ id: f.rule, shortDescription: { text: f.rule } });
    }
    const uri = f.file === undefined ? undefined : artifactUri(f.file);
    const region = f.line === undefined ? undefined : { startLine: f.line };
    const physicalLocation = uri === undefined ? undefined : { artifactLocation: { uri }, region };
    const logicalLocations = [f.resource, ...f.copies ?? []].map((resource) => ({
      name: resource.slice(resource.lastIndexOf('/') + 1), fullyQualifiedName: resource, kind: 'resource',
    }));
    return {
      ruleId: f.rule,
      ruleIndex,
      level: SARIF_LEVEL[f.level],
      message: { text: f.message },
      locations: [{ physicalLocation, logicalLocations }],
      properties: f.folded === undefined ? undefined : { folded: f.folded },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, informationUri: tool.informationUri, rules: descriptors } },
      results,
    }],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}

/**
 * A file as a SARIF artifact URI: a relative path stays relative (to the folder the command ran in, the repository's
 * root in CI), with forward slashes, `./` dropped and each segment percent-encoded; an absolute path is a `file://`
 * URI; standard input (`-`) has none.
 */
export function artifactUri(file: string): string | undefined {
  if (file === '-' || file === '') return undefined;
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:\//.test(slashed);
  const absolute = drive || slashed.startsWith('/');
  const segments = slashed.split('/').filter((s, i) => s !== '.' && (s !== '' || i === 0));
  const encoded = segments.map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s))).join('/');
  if (!absolute) return encoded;
  return drive ? `file:///${encoded}` : `file://${encoded}`;
}
