/** The entry-point fixtures (test/fixtures/checks/entry-points): load one and run rules over it. */
import * as path from 'path';
import { check } from '../../src/checks/engine';
import type { Finding, Rule } from '../../src/checks/rule';
import { ClusterModel } from '../../src/model/cluster-model';
import { loadManifests } from '../../src/model/load';

/** The findings of `rules` (default: every rule) on one fixture file. */
export function onFixture(file: string, rules?: Rule[], complete?: boolean): Finding[] {
  const model = ClusterModel.fromDocuments(loadManifests([path.join(__dirname, '..', 'fixtures', 'checks', 'entry-points', file)]));
  return [...check(model, { rules, complete }).findings];
}
