/**
 * The jsii-visible face of `cdk8s-dns graph`: the Mermaid flowchart of an app's names (or of any objects) as a string.
 */
import { IConstruct } from 'constructs';
import { buildGraph } from './graph';
import { renderMermaid } from './mermaid';
import { check } from '../checks/engine';
import type { CheckOptions } from '../checks/service-checker';
import { ClusterModel } from '../model/cluster-model';
import { documentsFromScope } from '../model/from-cdk8s';
import { ModelOptionsError, optionProblem } from '../model/model-options';
import type { ClusterModelOptions } from '../model/records';

/** Options of `ServiceGraph`. */
export interface ServiceGraphOptions extends CheckOptions {
  /**
   * Run the checker and highlight the objects with errors or warnings (with the rule ids).
   *
   * @default true
   */
  readonly highlightFindings?: boolean;

  /**
   * A title for the diagram (Mermaid front matter).
   *
   * @default - no title
   */
  readonly title?: string;
}

/**
 * Draws names and what they reach as a Mermaid flowchart (text GitHub renders): stable Service names, CNAMEs to
 * external hosts, ClusterIPs to workloads, headless names to per-pod names, endpoints to IPs, workloads to the names
 * they use, entry points (Ingresses, Gateway API routes) to the Services their backends name, a MigratingDatabase's
 * phase, and the checker's problems highlighted. The same output as
 * `cdk8s-dns graph`; deterministic.
 *
 * @example
 * const text = ServiceGraph.mermaidOfChart(app, { title: 'production' });
 * fs.writeFileSync('names.mmd', text); // or put it inside a mermaid code fence in Markdown
 *
 * @see https://mermaid.js.org/syntax/flowchart.html
 */
export class ServiceGraph {
  /** The flowchart of Kubernetes objects (parsed YAML/JSON; `kind: List` items are expanded). */
  public static mermaid(objects: any[], options?: ServiceGraphOptions): string {
    return draw(ClusterModel.fromObjects(Array.isArray(objects) ? objects : [], modelOptions(options)), options);
  }

  /** The flowchart of a cdk8s App, a Chart (with nested charts) or a construct inside a chart; writes no files. */
  public static mermaidOfChart(scope: IConstruct, options?: ServiceGraphOptions): string {
    return draw(ClusterModel.fromDocuments(documentsFromScope(scope), modelOptions(options)), options);
  }

  private constructor() {}
}

function modelOptions(options?: ServiceGraphOptions): ClusterModelOptions {
  return {
    defaultNamespace: options?.defaultNamespace,
    clusterDomain: options?.clusterDomain,
    serviceCidr: options?.serviceCidr,
    podCidr: options?.podCidr,
  };
}

function draw(model: ClusterModel, options?: ServiceGraphOptions): string {
  const title: unknown = options?.title;
  if (title !== undefined && title !== null && typeof title !== 'string') {
    // JSON.stringify of the front matter would throw on a cycle or a BigInt, and write a number or an object as YAML
    throw new ModelOptionsError([optionProblem('title', title, 'a string', 'no title')]);
  }
  const findings = options?.highlightFindings === false ? []
    : check(model, { externalNamePolicy: options?.externalNamePolicy, complete: options?.complete, allFindings: options?.allFindings }).findings;
  return renderMermaid(buildGraph(model, { findings }), title ?? undefined);
}
