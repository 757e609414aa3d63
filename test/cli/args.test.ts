// The argument parser (src/cli/args.ts) reads argv in one pass (it replaced Node's util.parseArgs, whose time grew
// with the square of the arguments) and keeps its behaviour: the same accepted forms, and the same one-line usage
// errors in argument order.
import { MAX_ARGUMENTS, parseArgs, UsageError } from '../../src/cli/args';
import { optionSpec } from '../../src/cli/usage';

const CHECK = optionSpec('check');
const SERVE = optionSpec('serve');

describe('parseArgs accepts', () => {
  test.each<[string, string[], object]>([
    ['a value after its flag', ['-f', 'a.yaml'], { values: { file: ['a.yaml'] } }],
    ['a value after =', ['--file=a.yaml'], { values: { file: ['a.yaml'] } }],
    ['an empty value after =', ['--domain='], { values: { domain: [''] } }],
    ['a value holding =', ['--file=a=b.yaml'], { values: { file: ['a=b.yaml'] } }],
    ['every alias under one name, in order', ['-f', 'a', '--file', 'b', '--filename=c'], { values: { file: ['a', 'b', 'c'] } }],
    ['- as a value (standard input)', ['-f', '-'], { values: { file: ['-'] } }],
    ['a value that looks like a flag', ['--domain', '--json'], { values: { domain: ['--json'] }, flags: {} }],
    ['a negative number as a value', ['--ttl', '-5'], { values: { ttl: ['-5'] } }],
    ['-- as a value', ['-f', '--'], { values: { file: ['--'] }, positional: [] }],
    ['a flag', ['--json', '--complete'], { flags: { json: true, complete: true } }],
    ['- as an argument', ['-'], { positional: ['-'] }],
    ['an empty argument', [''], { positional: [''] }],
    ['everything after -- as arguments', ['--', '-f', '--json'], { positional: ['-f', '--json'], values: {}, flags: {} }],
  ])('%s', (_name, argv, expected) => {
    expect(parseArgs(argv, CHECK)).toMatchObject(expected);
  });

  test('a short flag of a command that has one (-w of serve)', () => {
    expect(parseArgs(['-w', '-p', '0'], SERVE)).toMatchObject({ flags: { watch: true }, values: { port: ['0'] } });
  });
});

describe('parseArgs refuses', () => {
  test.each<[string, string[], string]>([
    ['an unknown long option', ['--nope'], 'unknown option "--nope"'],
    ['an unknown option with a value, named whole', ['--nope=3', 'x'], 'unknown option "--nope=3"'],
    ['an unknown short option', ['-x'], 'unknown option "-x"'],
    ['three dashes', ['---json'], 'unknown option "---json"'],
    ['--=value', ['--=x'], 'unknown option "--=x"'],
    ['a short flag with its value attached', ['-fa.yaml'], 'unknown option "-fa.yaml"'],
    ['a short flag with =', ['-f=a.yaml'], 'unknown option "-f=a.yaml"'],
    ['grouped short flags', ['-wp', '0'], 'unknown option "-wp"'],
    ['a flag of another command', ['--watch'], 'unknown option "--watch"'],
    ['__proto__', ['--__proto__'], 'unknown option "--__proto__"'],
    ['a value for a flag', ['--json=yes'], '--json takes no value'],
    ['an empty value for a flag', ['--complete='], '--complete takes no value'],
    ['a missing value at the end', ['--json', '-f'], '-f needs a value'],
    ['a missing long value', ['--domain'], '--domain needs a value'],
    ['the first problem in argument order', ['--nope', '--domain'], 'unknown option "--nope"'],
  ])('%s', (_name, argv, message) => {
    const spec = argv[0] === '-wp' ? SERVE : CHECK;
    let error: unknown;
    try {
      parseArgs(argv, spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });
});

describe('parseArgs bounds the arguments it reads', () => {
  const files = (pairs: number) => Array.from({ length: pairs }, () => ['-f', 'a.yaml']).flat();

  test('reads a pipeline\'s 100,000 -f FILE pairs (before: refused past 20,000 arguments; util.parseArgs took 11 s)', () => {
    expect(parseArgs(files(100_000), CHECK).values.file).toHaveLength(100_000);
  });

  test('reads MAX_ARGUMENTS arguments', () => {
    expect(parseArgs(files(MAX_ARGUMENTS / 2), CHECK).values.file).toHaveLength(MAX_ARGUMENTS / 2);
  });

  test('refuses more, naming the count and the way to name many files', () => {
    expect(() => parseArgs([...files(MAX_ARGUMENTS / 2), '--json'], CHECK))
      .toThrow(new UsageError('too many arguments (1,000,001; at most 1,000,000): name a folder with -f DIR instead of each of its files'));
  });
});
