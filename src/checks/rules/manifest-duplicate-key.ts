/**
 * manifest-duplicate-key (warning): a YAML document gives a key twice in one mapping (`type: ClusterIP` and, further
 * down, `type: NodePort`). The loader keeps the last value, as kubectl versions that accept the file do, and names each
 * key and line in the document's source (`ManifestSource.duplicateKeys`, src/model/yaml-read.ts); this rule reports
 * them once per document, on its (first) object.
 */
import { ManifestSource, sourceText } from '../../model/manifest';
import type { NamespacedObject } from '../../model/pods';
import { resourceId } from '../helpers';
import { finding, Finding, Rule } from '../rule';

export const manifestDuplicateKey: Rule = {
  id: 'manifest-duplicate-key',
  level: 'warning',
  description: 'YAML document gives a key twice in one mapping',
  explanation: 'YAML forbids it and kubectl versions disagree: some refuse the file ("mapping key ... already defined at line ...": kubectl 1.21 in kubernetes/kubernetes#99286), others silently keep the last value, so the first one (often a whole envFrom, containers or volumeMounts list) is lost (kubernetes/kubernetes#67477, #89303, #125885 with kubectl 1.27). The finding names the file, document, keys and lines; the checker reads the last value.',
  fix: 'Remove the duplicate key, keeping the value you mean (merge the two lists or mappings when both halves are wanted).',
  check(ctx) {
    const out: Finding[] = [];
    const seen = new Set<string>();
    const visit = (o: NamespacedObject) => {
      const source: ManifestSource | undefined = o.source;
      const keys = source?.duplicateKeys;
      if (!source || !keys || keys.length === 0) return;
      const id = `${source.file}\0${source.document}`;
      if (seen.has(id)) return;
      seen.add(id);
      const list = keys.map((k) => `"${k.key}" at line ${k.line}`).join(', ');
      const what = keys.length === 1 ? 'a key' : `${keys.length} keys`;
      out.push(finding(this, resourceId(o),
        `${sourceText({ file: source.file, document: source.document })} gives ${what} twice in one mapping: ${list}; some kubectl versions refuse the file, others keep the last value (which the checker reads). Fix: remove the duplicate key, keeping the value you mean.`));
    };
    for (const o of ctx.model.objects) visit(o);
    for (const r of ctx.model.redefined) for (const o of r.earlier) visit(o);
    return out;
  },
};
