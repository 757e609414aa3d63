// Loads this library's cdk8s-cli validation plugin from the TypeScript sources (cdk8s.yaml `validations:`), so the
// example runs the checker during `cdk8s synth` without compiling the library first. An app that installed the
// library from npm writes `package: ./node_modules/cdk8s-service-discovery` instead (see docs/checker.md).
require('ts-node').register({ transpileOnly: true });
module.exports = require('../../src/plugin');
