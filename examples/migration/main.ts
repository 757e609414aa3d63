// Synthesizes the migration app for one phase: MIGRATION_PHASE=external|sync|internal cdk8s synth.
// ./synth.sh builds all three phases into dist-external/, dist-sync/ and dist-internal/.
import { App } from 'cdk8s';
import { MigratingDatabase } from '../../src';
import { MigrationChart } from './app';

const app = new App();
// `cdk8s synth` passes no context: the phase comes from the environment (no default on purpose, so a pipeline
// that forgets it fails instead of flipping the live Service).
app.node.setContext(MigratingDatabase.PHASE_CONTEXT_KEY, process.env.MIGRATION_PHASE);
new MigrationChart(app, 'migration');
app.synth();
