/**
 * probe-port-undeclared (error): a probe or lifecycle hook whose port is a name that the container does not declare.
 * The kubelet looks a named port up among the ports of the probed container only (pkg/probe/util.go
 * ResolveContainerPort/findPortByName; pkg/kubelet/lifecycle/handlers.go resolvePort), so the probe or hook fails
 * every time. A port given by number needs no declaration and is not judged (kube-linter's liveness-port,
 * readiness-port and startup-port report those too). The syntax of the port is `container-port-invalid`'s. A pod
 * template of a kustomize build with patches (or replacements, vars), which the checker does not apply, is not judged
 * (when every build of its copy has them: kustomize-builds.ts): an info, since a patch may add the port or change the
 * probe (service-target-port-name-missing does the same).
 */
import { isPortName } from '../../k8s-syntax/names';
import { asArray, asRecord, nonEmptyString } from '../../model/manifest';
import type { ServiceRecord } from '../../model/records';
import { isListedWorkloadKind } from '../../model/workload-kinds';
import type { PodTemplate } from '../context/pod-templates';
import { listFindings } from '../fold';
import { selects } from '../helpers';
import { HandlerField, HandlerPort, handlerPorts, ProbedContainer, probedContainers } from '../lib/handler-ports';
import { notJudgedForEdits } from '../lib/kustomize-renames';
import { nearestName } from '../lib/nearest-name';
import { isUnfilled } from '../lib/placeholders';
import { declaredText } from '../lib/target-ports';
import { Finding, Level, Rule } from '../rule';

/** API groups whose controllers rewrite the probes of their pod templates: Knative's queue-proxy probes the container. */
const REWRITTEN_PROBES = ['serving.knative.dev/'];

/** What a failing handler of each field does to the pod. */
const EFFECT: { readonly [F in HandlerField]: string } = {
  'readinessProbe': 'the probe fails every time and the pods never become ready',
  'livenessProbe': 'the probe fails every time and the kubelet restarts the container after each failureThreshold failures (CrashLoopBackOff)',
  'startupProbe': 'the probe fails every time: the container never counts as started, its other probes never run, and the kubelet restarts it after each failureThreshold failures (CrashLoopBackOff)',
  'lifecycle.postStart': 'the hook fails every time and the kubelet kills the container after each start (FailedPostStartHook, CrashLoopBackOff)',
  'lifecycle.preStop': 'the hook fails every time (FailedPreStopHook) and the container is stopped without it',
};

export const probePortUndeclared: Rule = {
  id: 'probe-port-undeclared',
  level: 'error',
  description: 'Probe or lifecycle hook port given by a name that the container does not declare (an **info** in a kustomize build with patches, replacements or vars, which may add it)',
  explanation: 'An `httpGet` or `tcpSocket` port given by name is looked up among the `ports[].name` of the probed container itself, not of the pod\'s other containers (pkg/probe/util.go ResolveContainerPort and findPortByName for probes; pkg/kubelet/lifecycle/handlers.go resolvePort for hooks): without it the probe or hook fails every time, before any request is made. A readiness probe then keeps the pods out of every Service\'s endpoints (error); a liveness or startup probe restarts the container in a loop (error); a postStart hook kills the container after each start (pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer, FailedPostStartHook; error); a preStop hook is skipped at shutdown (warning). The readiness probe of a Job\'s or CronJob\'s pods, whose completion does not wait for readiness, is a warning unless a Service selects them; so is any finding on the pod template of an operator\'s resource that the checker reads by its shape (an OpenKruise CloneSet), since an operator may add ports to the containers it runs (Kubeflow\'s notebook controller adds `notebook-port`); prometheus-operator\'s resources are read with the ports the operator adds. A port given by number needs no declaration (containerPort is informational) and is not judged, unlike kube-linter\'s liveness-port, readiness-port and startup-port; gRPC probes take only a number, and the kubelet runs no `tcpSocket` lifecycle hook. Every pod template of the input is read (workloads, CronJobs, Argo Rollouts, operator resources\' pod templates, Pods), with native sidecars (init containers with `restartPolicy: Always`); names with a variable placeholder or a template expression, and names the API server rejects (`container-port-invalid`), are not judged. Knative Services are left out: Knative rewrites their probes. In a kustomize build whose kustomizations have `patches`, `patchesStrategicMerge`, `patchesJson6902`, `replacements` or `vars`, or whose Flux Kustomization or Argo CD Application has patches of its own, which the checker does not apply, a name the container lacks as written is an **info** that it is not judged: a patch may add the port to the container or change the probe. A base that several builds hold is judged so only when every one of them has such patches.',
  fix: 'Declare the port under that name in the probed container\'s `ports`, use one of its declared names, or give the port number.',
  check(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.podTemplates) {
      const apiVersion = nonEmptyString(t.owner.object?.apiVersion) ?? '';
      if (REWRITTEN_PROBES.some((g) => apiVersion.startsWith(g))) continue;
      const containers = probedContainers(t.spec);
      const undeclared: Undeclared[] = [];
      for (const c of containers) {
        for (const h of handlerPorts(c.container)) {
          const name = judgedName(h);
          if (name === undefined) continue;
          const own = portsOf(c.container);
          if (own.some((p) => p.name === name)) continue;
          undeclared.push({ c, h, name, own });
        }
      }
      if (undeclared.length === 0) continue;
      // the Services that select the template's pods, read once per template (a readiness probe's effect names them)
      const selecting = ctx.model.services().filter((s) => s.namespace === t.namespace && s.selector !== undefined && selects(s.selector, t.labels));
      // a pod of 20,000 containers that each probe a port they lack: the first findings only are built (fold.ts)
      for (const f of listFindings(undeclared, (u) => levelFor(t, u.h, selecting),
        (u) => findingFor(this, selecting, t, containers, u), ctx.options.allFindings)) out.push(f);
    }
    return out;
  },
};

/** The port name of `h` that the kubelet looks up, or undefined when there is none to judge. */
function judgedName(h: HandlerPort): string | undefined {
  if (typeof h.port !== 'string' || h.action === 'grpc') return undefined; // a number, or the API server's business
  if (h.action === 'tcpSocket' && h.field.startsWith('lifecycle.')) return undefined; // never run by the kubelet
  if (isUnfilled(h.port) || !isPortName(h.port)) return undefined;
  return h.port;
}

/** A declared port: its name (when named) and number. */
interface Declared {
  readonly name?: string;
  readonly containerPort: unknown;
}

function portsOf(container: { readonly [key: string]: any }): Declared[] {
  return asArray(container.ports).flatMap((p) => {
    const r = asRecord(p);
    return r ? [{ name: nonEmptyString(r.name), containerPort: r.containerPort }] : [];
  });
}

function containerName(c: ProbedContainer): string {
  return nonEmptyString(c.container.name) ?? c.path;
}

/** A handler of a container whose port is a name the container does not declare. */
interface Undeclared {
  readonly c: ProbedContainer;
  readonly h: HandlerPort;
  readonly name: string;
  readonly own: readonly Declared[];
}

/** The level of the finding on handler `h` of template `t`, whose pods the Services `selecting` select (as findingFor). */
function levelFor(t: PodTemplate, h: HandlerPort, selecting: readonly ServiceRecord[]): Level {
  if (t.owner.source?.kustomizeEdits !== undefined) return 'info';
  if (h.field === 'lifecycle.preStop') return 'warning';
  if (h.field === 'readinessProbe' && selecting.length === 0 && (t.kind === 'Job' || t.kind === 'CronJob')) return 'warning';
  return t.kind !== 'Pod' && !isListedWorkloadKind(t.kind) ? 'warning' : 'error';
}

function findingFor(
  rule: Rule, selecting: readonly ServiceRecord[], t: PodTemplate, containers: readonly ProbedContainer[], { c, h, name, own }: Undeclared,
): Finding {
  const cname = containerName(c);
  const level = levelFor(t, h, selecting);
  let effect = EFFECT[h.field];
  if (h.field === 'readinessProbe') {
    const names = selecting.slice(0, 3).map((s) => `"${s.name}"`).join(', ') + (selecting.length > 3 ? ` and ${selecting.length - 3} more` : '');
    if (selecting.length > 0) {
      effect += `: they stay out of the endpoints of Service ${names}, which sends them no traffic`;
    } else if (t.kind === 'Job' || t.kind === 'CronJob') {
      effect += ' (no Service of the input selects them, and a Job does not wait for readiness)';
    } else {
      effect += ': they stay out of the endpoints of every Service that selects them (and a rollout waiting for ready pods stalls)';
    }
  }
  const elsewhere = containers.filter((o) => o !== c).map((o) => ({ o, p: portsOf(o.container).find((p) => p.name === name) })).find((x) => x.p);
  const near = nearestName(name, own.flatMap((p) => (p.name ? [p.name] : [])));
  const fixes: string[] = [];
  if (near) fixes.push(`did you mean "${near}"?`);
  if (elsewhere) {
    fixes.push(`set the port to ${String(elsewhere.p!.containerPort)} if container "${containerName(elsewhere.o)}"'s port is the one to probe (the containers share the pod's network)`);
  }
  fixes.push(`declare it in container "${cname}" (ports: - name: ${name}, containerPort: <port>) or give the port number`);
  if (t.kind !== 'Pod' && !isListedWorkloadKind(t.kind)) {
    // an operator's resource read by the shape of its template: the operator may add ports to the containers it runs
    // (Kubeflow's notebook controller adds `notebook-port` to a Notebook's container that declares none)
    effect += ` (unless the ${t.kind}'s operator adds a port of that name to the container)`;
  }
  const where = elsewhere ? `; container "${containerName(elsewhere.o)}" declares "${name}", but the kubelet looks only at the ports of the container that the ${h.field.startsWith('lifecycle.') ? 'hook belongs to' : 'probe belongs to'}` : '';
  const cause = `${t.kind} "${t.name}" container "${cname}": ${h.path} is "${name}", which is not a port name of the container (its ports: ${declaredText(own)})${where}`;
  // the build patches what the checker reads as written: the port may be there after it, or the probe another
  const edits = t.owner.source?.kustomizeEdits;
  if (edits !== undefined) {
    const message = notJudgedForEdits(cause, edits, `add the port to container "${cname}" of ${t.kind} "${t.name}" or change its ${h.field}`, fixes.join('; '));
    return { rule: rule.id, level, resource: t.ownerId, message };
  }
  const message = `${cause}, so ${effect}. Fix: ${fixes.join('; ')}.`;
  return { rule: rule.id, level, resource: t.ownerId, message };
}
