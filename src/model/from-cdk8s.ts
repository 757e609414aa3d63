/**
 * Building the cluster model from cdk8s constructs directly, without writing files (the only model file that
 * imports cdk8s).
 *
 * - `documentsFromScope(scope)`: every object of a cdk8s `App`, of a `Chart` (with its nested charts), or of the charts
 *   below any other construct (none below it: its own chart's objects), as `ManifestDocument`s whose `source.file` is
 *   the chart's construct path.
 *   Uses `chart.toJson()` per chart (which runs the charts' validations, like `Testing.synth`); no `App.synth`.
 * - `modelFromScope(scope, options?)`: `ClusterModel.fromDocuments(documentsFromScope(scope), options)`.
 */
import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterModel, ClusterModelOptions } from './cluster-model';
import { ManifestDocument } from './manifest';

/** The charts to read for a scope: an App's charts, else the charts in the scope's subtree (or the scope's chart). */
function chartsOf(scope: IConstruct): Chart[] {
  if (scope instanceof App) return scope.charts;
  const charts = scope.node.findAll().filter((c): c is Chart => Chart.isChart(c));
  if (charts.length > 0) return charts;
  return [Chart.of(scope)];
}

/** Every object of the scope's charts, with the chart path as source file. */
export function documentsFromScope(scope: IConstruct): ManifestDocument[] {
  const out: ManifestDocument[] = [];
  for (const chart of chartsOf(scope)) {
    const file = chart.node.path || chart.node.id || '<chart>';
    chart.toJson().forEach((object, i) => out.push({ object, source: { file, document: i + 1 } }));
  }
  return out;
}

/** The cluster model of a cdk8s App or Chart. */
export function modelFromScope(scope: IConstruct, options?: ClusterModelOptions): ClusterModel {
  return ClusterModel.fromDocuments(documentsFromScope(scope), options);
}
