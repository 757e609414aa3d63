// The CLI's V8 settings (src/cli/v8-tuning.ts): a smaller inlining budget for `check`, V8's defaults elsewhere.
import * as v8 from 'v8';
import { main } from '../../src/cli/main';
import { ONE_SHOT_INLINING_BUDGET, v8FlagsFor } from '../../src/cli/v8-tuning';

// Never change this test process's V8: record what main would set.
jest.mock('v8', () => ({ ...jest.requireActual('v8'), setFlagsFromString: jest.fn() }));

describe('v8FlagsFor', () => {
  test.each([
    ['check: the one-shot inlining budget', 'check', [`--max-inlined-bytecode-size-cumulative=${ONE_SHOT_INLINING_BUDGET}`]],
    ['serve: V8 defaults (a server runs the same code millions of times)', 'serve', []],
    ['resolve: V8 defaults', 'resolve', []],
    ['records: V8 defaults', 'records', []],
    ['graph: V8 defaults', 'graph', []],
    ['no command: V8 defaults', undefined, []],
    ['an unknown command: V8 defaults', 'lookup', []],
  ])('%s', (_name, command, flags) => {
    expect(v8FlagsFor(command)).toEqual(flags);
  });

  test('the budget is below V8 default of 920 and keeps small helpers inlined', () => {
    expect(ONE_SHOT_INLINING_BUDGET).toBeGreaterThanOrEqual(40);
    expect(ONE_SHOT_INLINING_BUDGET).toBeLessThan(920);
  });
});

describe('main (bin/cdk8s-dns)', () => {
  const setFlags = v8.setFlagsFromString as jest.Mock;
  let write: jest.SpyInstance;
  const exitCode = process.exitCode;
  beforeEach(() => {
    setFlags.mockClear();
    write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    write.mockRestore();
    process.exitCode = exitCode;
  });

  test.each([
    ['sets the inlining budget before running check', ['check', '--help'], [`--max-inlined-bytecode-size-cumulative=${ONE_SHOT_INLINING_BUDGET}`]],
    ['sets no flag for resolve', ['resolve', '--help'], []],
    ['sets no flag without a command', ['--help'], []],
  ])('%s', (_name, argv, flags) => {
    main(argv);
    expect(setFlags.mock.calls.map((c) => c[0])).toEqual(flags);
    expect(process.exitCode).toBe(0);
  });
});
