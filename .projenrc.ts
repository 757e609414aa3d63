import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-service-discovery',
  packageName: 'cdk8s-service-discovery',
  description:
    'Typed cdk8s constructs for stable in-cluster DNS names (ExternalName, selectorless, headless StatefulSet, database migration) plus an offline cluster-DNS resolver and Service checker.',
  author: 'cdk8s-service-discovery maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://example.com/cdk8s-service-discovery.git',
  keywords: ['cdk8s', 'kubernetes', 'dns', 'service-discovery', 'externalname', 'endpointslice', 'statefulset', 'coredns'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  jsiiVersion: '~6.0.0',
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.3.0',

  // No GitHub and no release workflow on these machines: CI is `.ci/run`. The jsii targets below still go into
  // package.json (`jsii.targets`), which is what jsii-pacmak reads; README "Other languages" says how to publish.
  github: false,
  release: false,

  // Names after cdk8s-plus's own targets (org.cdk8s.plus28, Org.Cdk8s.Plus28, cdk8s_plus_28, a separate -go module),
  // with the repository's domain (example.com) where cdk8s-plus has cdk8s.org / github.com/cdk8s-team.
  publishToPypi: { distName: 'cdk8s-service-discovery', module: 'cdk8s_service_discovery' },
  publishToMaven: {
    javaPackage: 'com.example.cdk8s.servicediscovery',
    mavenGroupId: 'com.example',
    mavenArtifactId: 'cdk8s-service-discovery',
  },
  publishToNuget: { dotNetNamespace: 'Example.Cdk8s.ServiceDiscovery', packageId: 'Example.Cdk8s.ServiceDiscovery' },
  publishToGo: { moduleName: 'example.com/cdk8s-service-discovery-go', packageName: 'cdk8sservicediscovery' },

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Non-jsii runtime dependencies are bundled into the package.
  bundledDeps: ['ipaddr.js@^2.2.0', 'js-yaml@^4.1.0', 'dns-packet@^5.6.1'],
  devDeps: [
    'ts-jest@^29',
    '@types/jest@^29',
    '@types/js-yaml@^4',
    '@types/dns-packet@^5',
    'kubernetes-models@^4.5.1',
    'fast-check@^3',
    'cdk8s-cli@^2.200.0',
    // What `cdk8s init typescript-app` installs today: examples/cdk8s-plus-33 uses it next to this library.
    'cdk8s-plus-33@^2.5.57',
    // tests of the report formats: Microsoft's SARIF matchers (the SARIF 2.1.0 schema with ajv), and an XML parser for
    // the well-formedness of the JUnit report
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'fast-xml-parser@^5',
  ],

  jestOptions: {
    jestVersion: '^29',
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup-fast-check.ts'],
      // Jest's default is one worker less than the CPUs: one worker on a 2-CPU machine, which ran the suite on one
      // core. The main process only schedules and collects, so every CPU runs a worker.
      maxWorkers: '100%',
      // Coverage is a report, not an assertion: collecting it (V8 coverage turned into Istanbul's per test file) made
      // the suite take five times the CPU. `npx projen coverage` writes the report.
      collectCoverage: false,
    },
  },

  // Source maps go next to the compiled files (lib/**/*.js.map) instead of into them: inline maps doubled lib/ to 6.7 MB,
  // and every process that loads the checker read and scanned them, about 40 ms of CPU a start (the 214 modules of
  // `cdk8s-dns check`). Node reads the .map files (sources included) only with --enable-source-maps.
  tsconfig: {
    compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true },
  },

  tsconfigDev: {
    include: ['examples/**/*.ts', 'bench/**/*.ts'],
    compilerOptions: {
      // Tests are transpiled file by file, not type-checked, by ts-jest (it reads this option from the tsconfig;
      // type-checking every suite against cdk8s-plus-28's large generated typings is what made the suite slow);
      // `.ci/run` type-checks src, test, examples and bench with tsc.
      isolatedModules: true,
    },
  },

  gitignore: ['examples/*/dist/', 'examples/*/dist-*/', '.bench/', 'cdk.out/', '.examples-check/'],
});

// eslint lints bench/ too. Its project service reads each file with the nearest tsconfig.json, and the root one holds
// src/ only (test/tsconfig.json covers test/): bench/ gets its own, extending the root one.
new javascript.TypescriptConfig(project, {
  fileName: 'bench/tsconfig.json',
  extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
  include: ['**/*.ts'],
  compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
});
project.eslint?.addLintPattern('bench');

// eslint-import-resolver-typescript >= 3.10 pulls unrs-resolver, whose optional platform packages are missing from
// a lockfile written here, which makes `npm ci` fail on a fresh clone.
project.deps.removeDependency('eslint-import-resolver-typescript');
project.addDevDeps('eslint-import-resolver-typescript@~3.8.0');

// Input-sized arrays never become call arguments in src: V8 puts every argument on the stack, so
// `out.push(...docs)` with 130,000+ documents throws "Maximum call stack size exceeded" (issue 16). Loop instead.
// (Array and object literals, `[...a, ...b]`, copy without the stack and stay allowed.)
project.eslint?.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'no-restricted-syntax': ['error',
      {
        selector: 'CallExpression[callee.property.name=/^(push|unshift|splice)$/] > SpreadElement',
        message: 'No spread arguments to push/unshift/splice (an input-sized array overflows the stack): add the items in a loop.',
      },
      {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
        message: 'No spread arguments to Math.max/Math.min (an input-sized array overflows the stack): reduce in a loop.',
      },
      {
        selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
        message: 'No spread arguments to String.fromCharCode (an input-sized array overflows the stack): decode in chunks or with Buffer.',
      },
      {
        selector: "CallExpression[callee.property.name='apply']",
        message: 'No Function.prototype.apply / Reflect.apply with an argument list (an input-sized array overflows the stack): call in a loop.',
      }],
  },
});

// The CLI is a Node-only entry point outside the jsii surface.
project.addBins({ 'cdk8s-dns': 'bin/cdk8s-dns' });

project.addTask('coverage', {
  description: 'Run the jest suites with coverage (coverage/, and a summary table)',
  exec: 'jest --ci --coverage',
  receiveArgs: true,
});

project.addTask('example', {
  description: 'Synthesize the example apps with cdk8s synth and print what they produced',
  exec: 'bash scripts/example.sh',
});

// A jsii warning fails the build. Reserved words stay silenced here, as projen does by default: `namespace` (C#) and
// `type` (Go) are rendered as `Namespace`/`@namespace` and `Type`, which `package-code` checks in the generated code.
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=reserved-word');

// `package` builds the npm package only, in CI and locally: the other languages' packages need their toolchains and
// registries (`npx projen package-all` on a machine that has them, see README "Other languages").
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

project.addTask('package-code', {
  description: 'Generate the Python, Java, .NET and Go package source (jsii-pacmak --code-only) into dist/code and check it',
  exec: 'ts-node --transpile-only scripts/package-code.ts',
});

project.addTask('check-examples', {
  description: 'Compile every TypeScript example of README.md and docs/ under the tsconfig of `cdk8s init typescript-app` (after compile)',
  exec: 'ts-node --transpile-only scripts/check-examples.ts',
});

project.addTask('rules-md', {
  description: 'Write the rule table of RULES.md from the rule objects (src/checks/rules); `-- --check` only compares',
  exec: 'ts-node --transpile-only scripts/rules-md.ts',
  receiveArgs: true,
});

project.addTask('usage-md', {
  description: 'Write the CLI help that README.md and docs/ quote, from src/cli/usage.ts; `-- --check` only compares',
  exec: 'ts-node --transpile-only scripts/usage-md.ts',
  receiveArgs: true,
});

project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/.ci/');
project.addPackageIgnore('/rosetta/');

project.addTask('bench', {
  description: 'Run the benchmarks (bench/); `npm run bench -- --size small` is the quick run CI does',
  exec: 'ts-node --transpile-only bench/run.ts',
  receiveArgs: true,
});

project.synth();
