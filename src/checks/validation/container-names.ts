/**
 * The container lists of a pod spec as kube-apiserver decodes and validates them on create (pkg/apis/core/validation
 * validation.go `validateContainers`, `validateInitContainers`, `validateEphemeralContainers`, `validateContainerCommon`):
 * each list is a list of objects, and each container has a name that is a DNS-1123 label, unique among the containers,
 * init containers and ephemeral containers of the pod.
 */
import { podSpecOf } from './container-ports';
import { FieldErrors } from './field';
import { isRecord } from './metadata';
import { dns1123LabelErrors, isDns1123Label } from '../../k8s-syntax/names';
import { hasTemplate } from '../../model/placeholders';

/** The container lists in the order the API server validates them. */
const LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** The Go type of each list's items, as the decoding error names it. */
const GO_TYPES: { readonly [list: string]: string } = {
  containers: 'v1.Container',
  initContainers: 'v1.Container',
  ephemeralContainers: 'v1.EphemeralContainer',
};

/** What the API server rejects in the container lists of `obj` (a `kind` object) and their container names. */
export function containerNameRejections(obj: any, kind: string): FieldErrors {
  const errs = new FieldErrors();
  const at = podSpecOf(obj, kind);
  if (!at) return errs;
  // regular containers clash among themselves; init containers with those and each other (reported on the init
  // container); ephemeral containers with all of them (`validateEphemeralContainers`)
  const regular = new Set<string>();
  const others = new Set<string>();
  const ephemeral = new Set<string>();
  for (const list of LISTS) {
    const v = at.spec[list];
    if (v === undefined || v === null) continue;
    const path = `${at.path}.${list}`;
    if (!Array.isArray(v)) {
      errs.add(path, 'Invalid value', v, notDecoded(kind, path, v, `[]${GO_TYPES[list]}`), `write ${list} as a list, one "- name: ..." item per container`);
      continue;
    }
    v.forEach((c: unknown, i: number) => {
      const p = `${path}[${i}]`;
      if (c !== null && !isRecord(c)) {
        errs.add(p, 'Invalid value', c, notDecoded(kind, path, c, GO_TYPES[list]), 'write each container as a mapping with name and image');
        return;
      }
      const name = c?.name; // an empty item (null) decodes as a container without fields
      if (name === undefined || name === null || name === '') {
        errs.add(`${p}.name`, 'Required value', undefined, 'every container needs a name', 'name the container (a lower-case DNS label such as app)');
        return;
      }
      if (typeof name !== 'string') {
        errs.add(`${p}.name`, 'Invalid value', name, 'must be a string', 'quote the container name');
        return;
      }
      // a `{{ }}` template is rendered before the apply (as object-name-invalid leaves such names; a `${VAR}` gets the
      // rules' placeholder info): left here, not only in lib/api-rule.ts, since container-port-duplicate reads these
      // rejections as they are (a pod the API server rejects gets no warnings), and a chart's `{{ }}` name is no rejection
      if (hasTemplate(name)) return;
      if (!isDns1123Label(name)) errs.each(`${p}.name`, name, dns1123LabelErrors(name), 'use a lower-case DNS label of at most 63 letters, digits and "-" as the container name');
      const dup = () => errs.add(`${p}.name`, 'Duplicate value', name, 'container names must be unique among the containers, init containers and ephemeral containers of the pod', 'give each container of the pod its own name');
      if (list === 'containers') {
        if (regular.has(name)) dup();
        else regular.add(name);
      } else if (list === 'initContainers') {
        if (regular.has(name) || others.has(name)) dup();
        else others.add(name);
      } else if (regular.has(name) || others.has(name)) {
        errs.add(`${p}.name`, 'Invalid value', name, 'must be unique among all containers, init containers, and ephemeral containers', 'give the ephemeral container a name no other container of the pod has');
      } else if (ephemeral.has(name)) {
        dup();
      } else {
        ephemeral.add(name);
      }
    });
  }
  return errs;
}

/**
 * The API server's decoding error for a value of the wrong JSON type (sigs.k8s.io/json, as encoding/json words it:
 * `json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container`).
 */
function notDecoded(kind: string, path: string, v: unknown, goType: string): string {
  const json = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v;
  return `must be ${goType.startsWith('[]') ? 'a list' : 'an object'}; the API server cannot decode the ${kind} ("json: cannot unmarshal ${json} into Go struct field PodSpec.${path} of type ${goType}")`;
}
