/**
 * Labels that a pod's own program adds to its Pod object at run time, where the template does not carry them: the
 * program patches its pod once the server behind a Service's selector is ready. Known by the container's image and
 * command, so a workload that runs the program has pods with these labels, and the Services that select them have
 * endpoints. Pure.
 *
 * - Longhorn's manager daemon (image `longhornio/longhorn-manager`, command `longhorn-manager ... daemon`) serves the
 *   conversion and admission webhooks and the recovery backend since Longhorn v1.5, and labels its own pod for each
 *   once it listens: `longhorn.io/conversion-webhook: longhorn-conversion-webhook`, `longhorn.io/admission-webhook:
 *   longhorn-admission-webhook`, `longhorn.io/recovery-backend: longhorn-recovery-backend`, the selectors of the
 *   Services of those names in deploy/longhorn.yaml (longhorn/longhorn-manager app/daemon.go, which updates the pod's
 *   labels with types.GetConversionWebhookLabel and calls AddLabelToManagerPod with GetAdmissionWebhookLabel and
 *   GetRecoveryBackendLabel). The driver deployer runs the same image with `deploy-driver` and adds none.
 */
import { asArray, asRecord, nonEmptyString } from './manifest';

interface SelfLabellingProgram {
  /** The image repository's last path segment (`longhorn-manager` of `docker.io/longhornio/longhorn-manager:v1.7.0`). */
  readonly image: string;
  /** A word of the container's command or args that runs the labelling mode (`daemon`). */
  readonly mode: string;
  readonly labels: { readonly [key: string]: string };
}

const PROGRAMS: readonly SelfLabellingProgram[] = [
  {
    image: 'longhorn-manager',
    mode: 'daemon',
    labels: {
      'longhorn.io/conversion-webhook': 'longhorn-conversion-webhook',
      'longhorn.io/admission-webhook': 'longhorn-admission-webhook',
      'longhorn.io/recovery-backend': 'longhorn-recovery-backend',
    },
  },
];

/** `longhorn-manager` of `registry:5000/longhornio/longhorn-manager:v1.7.0@sha256:...`. */
function imageName(image: string): string {
  const path = image.split('@')[0];
  const last = path.slice(path.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

/** Whether a container runs `program` in its labelling mode. */
function runs(container: { [key: string]: any }, program: SelfLabellingProgram): boolean {
  const image = nonEmptyString(container.image);
  if (image === undefined || imageName(image) !== program.image) return false;
  return [...asArray(container.command), ...asArray(container.args)].some((w) => w === program.mode);
}

/**
 * The labels that the programs of a pod spec's containers add to their pod (undefined when none does): added to the
 * template's labels, as the pods carry them once they run.
 */
export function selfAddedLabels(podSpec: { [key: string]: any }): { [key: string]: string } | undefined {
  let out: { [key: string]: string } | undefined;
  for (const c of asArray(podSpec.containers)) {
    const container = asRecord(c);
    if (!container) continue;
    for (const p of PROGRAMS) if (runs(container, p)) out = Object.assign(out ?? {}, p.labels);
  }
  return out;
}
