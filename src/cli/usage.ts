/**
 * The commands and options of `cdk8s-dns`, written once. From this table come what each command accepts
 * (`optionSpec`, for `parseArgs`), `cdk8s-dns --help` (`mainHelp`), `cdk8s-dns <command> --help` (`commandHelp`)
 * and the usage printed on a usage error (`commandUsage`). docs/checker.md, docs/dns.md, docs/graph.md and
 * docs/serve.md quote the help texts; test/cli/usage.test.ts compares them.
 *
 * To add an option: define it below (its flags, the name its value is kept under, the placeholder and one help
 * sentence) and add it to the `options` of the commands that take it, and to `shown` to put it in the synopsis.
 */
import type { OptionSpec } from './args';
import { RECORD_TYPES } from '../dns/types';

/** One option: every spelling of it, where its value is kept, and its texts. */
export interface CliOption {
  /** Every flag, the usual one first: `['--jobs', '-j']`. */
  readonly flags: readonly string[];
  /** The key of its values in `ParsedArgs.values` (or, for a flag, `ParsedArgs.flags`). */
  readonly name: string;
  /** The placeholder of its value (`PATH`, `disabled|insecure|verified`); none for a flag that takes no value. */
  readonly value?: string;
  /** Given more than once, every value counts (shown with `...` in the synopsis). */
  readonly repeatable?: boolean;
  /** What it does, one sentence without a final period. */
  readonly help: string;
}

/** One command. */
export interface CliCommand {
  readonly name: string;
  /** Positional arguments in the synopsis (`NAME`). */
  readonly operands?: string;
  /** What the command does: the first lines of its `--help`. */
  readonly summary: readonly string[];
  /** Every option it takes, in the order its `--help` lists them. */
  readonly options: readonly CliOption[];
  /** The options its synopsis shows, in order (the others are in its `--help`). */
  readonly shown: readonly CliOption[];
  /** The exit codes: the last line of its `--help`. */
  readonly exit: string;
}

// The manifests and the cluster model: every command takes these.
const FILE: CliOption = { flags: ['-f', '--file', '--filename'], name: 'file', value: 'PATH', repeatable: true, help: 'file or folder (repeatable, - for standard input), default dist/' };
const DOMAIN: CliOption = { flags: ['--domain'], name: 'domain', value: 'D', help: 'the cluster domain, default cluster.local' };
const PODS: CliOption = { flags: ['--pods'], name: 'pods', value: 'disabled|insecure|verified', help: 'the pod-IP names CoreDNS\'s pods option answers, default disabled' };
const ENDPOINT_POD_NAMES: CliOption = { flags: ['--endpoint-pod-names'], name: 'endpointPodNames', help: 'name endpoints after their pods, as CoreDNS\'s endpoint_pod_names option' };
const SERVICE_CIDR: CliOption = { flags: ['--service-cidr'], name: 'serviceCidr', value: 'CIDR[,CIDR]', help: 'the cluster\'s service range (two, comma-separated, for dual-stack), default 10.96.0.0/12' };
const POD_CIDR: CliOption = { flags: ['--pod-cidr'], name: 'podCidr', value: 'CIDR[,CIDR]', help: 'the cluster\'s pod range (two, comma-separated, for dual-stack), default 10.244.0.0/16' };
const DEFAULT_NAMESPACE: CliOption = { flags: ['--default-namespace'], name: 'defaultNamespace', value: 'NS', help: 'the namespace of objects without metadata.namespace (kubectl apply -n NS), default default' };
const TTL: CliOption = { flags: ['--ttl'], name: 'ttl', value: 'N', help: 'the TTL of the records in seconds (0-3600), default 5' };
const JOBS: CliOption = { flags: ['--jobs', '-j'], name: 'jobs', value: 'N', help: 'threads that read YAML of 64 MiB and more (default: the CPUs, at most 4; 1: no worker threads)' };
const MODEL: readonly CliOption[] = [FILE, DOMAIN, PODS, ENDPOINT_POD_NAMES, SERVICE_CIDR, POD_CIDR, DEFAULT_NAMESPACE, TTL, JOBS];

// The ExternalName policy (rule externalname-policy, docs/policy.md): `check` and `graph`.
const ALLOW_EXTERNAL_SUFFIX: CliOption = { flags: ['--allow-external-suffix'], name: 'allowExternalSuffix', value: 'D', repeatable: true, help: 'ExternalName policy: external targets must be D or under it (docs/policy.md)' };
const ALLOW_NAMESPACE: CliOption = { flags: ['--allow-namespace'], name: 'allowNamespace', value: 'NS', repeatable: true, help: 'ExternalName policy: in-cluster targets may also be in NS (* for every namespace)' };
const FORBID_HOST: CliOption = { flags: ['--forbid-host'], name: 'forbidHost', value: 'H', repeatable: true, help: 'ExternalName policy: no target may be H or under it' };
const TLS_SERVER_NAME_SUFFIX: CliOption = { flags: ['--tls-server-name-suffix'], name: 'tlsServerNameSuffix', value: 'D', repeatable: true, help: 'ExternalName policy: TLS server names must be D or under it' };
const POLICY: readonly CliOption[] = [ALLOW_EXTERNAL_SUFFIX, ALLOW_NAMESPACE, FORBID_HOST, TLS_SERVER_NAME_SUFFIX];

const COMPLETE: CliOption = {
  flags: ['--complete'],
  name: 'complete',
  help: 'the input is the whole cluster: names of Services or namespaces it does not have are findings (default: names into namespaces the input does not describe are listed as info, not judged)',
};

const ALL_FINDINGS: CliOption = {
  flags: ['--all-findings'],
  name: 'allFindings',
  help: 'list every finding (default: at most 100 of one rule on one object, the rest counted in one more finding)',
};

const TYPE: CliOption = { flags: ['--type', '-t'], name: 'type', value: RECORD_TYPES.join('|'), help: 'the record type, default A' };
const NAMESPACE: CliOption = { flags: ['--namespace', '-n'], name: 'namespace', value: 'NS', help: 'ask from a pod of NS: the search path NS.svc.<zone>, svc.<zone>, <zone> applies' };
const NDOTS: CliOption = { flags: ['--ndots'], name: 'ndots', value: 'N', help: 'a name with fewer dots tries the search path first (0-99), default 5' };
const RESOLVE_JSON: CliOption = { flags: ['--json'], name: 'json', help: 'print one JSON object {"question","tried","rcode","answers","simulated","cut","entryPoints"} (cut only when the answer was cut)' };
const CHECK_JSON: CliOption = { flags: ['--json'], name: 'json', help: 'print the report as JSON: the same as --format json' };
const CHECK_FORMAT: CliOption = {
  flags: ['--format'],
  name: 'format',
  value: 'text|json|sarif|junit',
  help: 'the report: text by object (default); JSON {"success","findings":[{"rule","level","resource","message","file","line"}]}; SARIF 2.1.0 for code scanning; JUnit XML, a test case per rule and object (docs/checker.md)',
};
const FORMAT: CliOption = { flags: ['--format'], name: 'format', value: 'mermaid|markdown|svg', help: 'Mermaid text (default), the same in a ```mermaid fence, or SVG drawn by the Mermaid CLI mmdc' };
const OUTPUT: CliOption = { flags: ['--output', '-o'], name: 'output', value: 'FILE', help: 'write to FILE instead of standard output' };
const NO_CHECK: CliOption = { flags: ['--no-check'], name: 'noCheck', help: 'draw the names only, without the checker\'s findings' };
const TITLE: CliOption = { flags: ['--title'], name: 'title', value: 'T', help: 'the title of the graph' };
const GRAPH_NAMESPACE: CliOption = {
  flags: ['--namespace', '-n'],
  name: 'namespace',
  value: 'NS',
  repeatable: true,
  help: 'draw only namespace NS (repeatable): its names, and the edges into and out of it with their other ends; Mermaid draws at most 500 edges and 50,000 characters',
};
const PORT: CliOption = { flags: ['--port', '-p'], name: 'port', value: '5353', help: 'the UDP and TCP port, default 5353; 0 picks a free port' };
const ADDRESS: CliOption = { flags: ['--address'], name: 'address', value: '127.0.0.1', help: 'the address to bind, IPv4 or IPv6, default 127.0.0.1' };
const WATCH: CliOption = { flags: ['--watch', '-w'], name: 'watch', help: 'reload when the manifests change (not with -f -)' };

/** Every command, in the order `cdk8s-dns --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'resolve',
    operands: 'NAME',
    summary: ['One DNS question about the manifests, answered as cluster DNS would, printed like host -v; for PTR, NAME may be an IP address. Also lists the Ingresses and Gateway API routes whose backends name the Service it reaches (docs/dns.md).'],
    options: [TYPE, NAMESPACE, NDOTS, RESOLVE_JSON, ...MODEL],
    shown: [TYPE, NAMESPACE, FILE, DOMAIN, PODS, ENDPOINT_POD_NAMES, RESOLVE_JSON],
    exit: 'exit 0 with an answer, 1 when the name does not resolve (NXDOMAIN or NODATA), 2 on bad usage or unreadable input',
  },
  {
    name: 'records',
    summary: ['Every record cluster DNS would serve for the manifests, sorted, one zone-file line each (; simulated marks made-up values).'],
    options: MODEL,
    shown: [FILE, DOMAIN, PODS, ENDPOINT_POD_NAMES],
    exit: 'exit 0, or 2 on bad usage or unreadable input',
  },
  {
    name: 'check',
    summary: ['Runs the Service checker on the manifests: every rule of RULES.md, offline; findings grouped by object.'],
    options: [CHECK_JSON, CHECK_FORMAT, COMPLETE, ALL_FINDINGS, ...MODEL, ...POLICY],
    shown: [FILE, CHECK_JSON, CHECK_FORMAT, COMPLETE, ALL_FINDINGS, DOMAIN, SERVICE_CIDR, POD_CIDR, DEFAULT_NAMESPACE, ...POLICY],
    exit: 'exit 1 when a finding is an error, 0 otherwise, 2 on bad usage, unreadable input or no objects; rules: RULES.md',
  },
  {
    name: 'graph',
    summary: ['The names of the manifests, the entry points (Ingresses, Gateway API routes) that reach them and what they reach, as a Mermaid flowchart, with the checker\'s errors and warnings highlighted (docs/graph.md).'],
    options: [FORMAT, OUTPUT, GRAPH_NAMESPACE, NO_CHECK, TITLE, COMPLETE, ...MODEL, ...POLICY],
    shown: [FILE, FORMAT, OUTPUT, GRAPH_NAMESPACE, NO_CHECK, TITLE, COMPLETE, DOMAIN, DEFAULT_NAMESPACE, ...POLICY],
    exit: 'exit 0 when the graph was produced (findings do not change it: use check), 2 on bad usage, unreadable input or a missing renderer',
  },
  {
    name: 'serve',
    summary: [
      'DNS over UDP and TCP on ADDRESS:PORT from the resolver for the manifests (docs/serve.md); --port 0 picks a free port.',
      'Authoritative for the cluster zone, in-addr.arpa and ip6.arpa; other names are REFUSED, never forwarded.',
      'Runs until SIGINT/SIGTERM.',
    ],
    options: [PORT, ADDRESS, WATCH, ...MODEL],
    shown: [FILE, PORT, ADDRESS, WATCH, DOMAIN, PODS],
    exit: 'exit 0 after SIGINT/SIGTERM, 2 on bad usage, unreadable manifests or a port that cannot be bound',
  },
];

/** Lines of help text are wrapped to this width. */
const WIDTH = 118;

/** The command named `name`; throws for a name the table does not have (a programming error). */
export function command(name: string): CliCommand {
  const found = COMMANDS.find((c) => c.name === name);
  if (!found) throw new Error(`no command "${name}" in the usage table`);
  return found;
}

/** What `parseArgs` needs to read the arguments of `name`. */
export function optionSpec(name: string): OptionSpec {
  const values: { [flag: string]: string } = {};
  const flags: { [flag: string]: string } = {};
  for (const option of command(name).options) {
    for (const flag of option.flags) (option.value === undefined ? flags : values)[flag] = option.name;
  }
  return { values, flags };
}

/** `--help` or `-h` among the arguments (before a `--`): the command prints its help and does nothing else. */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

function shownOption(option: CliOption): string {
  const text = option.value === undefined ? option.flags[0] : `${option.flags[0]} ${option.value}`;
  return `[${text}]${option.repeatable ? '...' : ''}`;
}

/** `words` after `first`, wrapped to WIDTH; continuation lines start with `indent`. */
function wrap(first: string, words: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = first;
  for (const word of words) {
    if (line.length + 1 + word.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = line === '' || line.endsWith(' ') ? `${line}${word}` : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** The synopsis of one command: `cdk8s-dns check [-f PATH]... ...`, wrapped, the first line after `lead`. */
function synopsis(c: CliCommand, lead: string): string[] {
  const head = `${lead}cdk8s-dns ${c.name}`;
  const words = [...(c.operands ? [c.operands] : []), ...c.shown.map(shownOption)];
  return wrap(head, words, ' '.repeat(lead.length + 'cdk8s-dns '.length));
}

/** One help line of an option: `  --jobs N, -j N: threads that ...`, wrapped under its text. */
function optionLine(option: CliOption): string[] {
  const flags = option.flags.map((f) => (option.value === undefined ? f : `${f} ${option.value}`)).join(', ');
  const head = `  ${flags}:`;
  return wrap(head, option.help.split(' '), ' '.repeat(Math.min(head.length + 1, 40)));
}

/** What a usage error of `name` prints after its one-line message: the synopsis and where to read more. */
export function commandUsage(name: string): string {
  return [...synopsis(command(name), 'usage: '), `  cdk8s-dns ${name} --help: every option and the exit codes`].join('\n');
}

/** `cdk8s-dns <name> --help`: the synopsis, what the command does, every option, the exit codes. */
export function commandHelp(name: string): string {
  const c = command(name);
  return [
    ...synopsis(c, 'usage: '),
    ...c.summary.flatMap((sentence) => wrap('  ', sentence.split(' '), '  ')),
    ...c.options.flatMap(optionLine),
    ...wrap('  ', c.exit.split(' '), '  '),
  ].join('\n');
}

/** `cdk8s-dns --help`: the synopsis of every command and the options every command takes. */
export function mainHelp(): string {
  const common = COMMANDS[0].options.filter((o) => o !== FILE && o !== JOBS && COMMANDS.every((c) => c.options.includes(o)));
  return [
    ...COMMANDS.flatMap((c, i) => synopsis(c, i === 0 ? 'usage: ' : '       ')),
    ...optionLine(FILE),
    ...optionLine(JOBS),
    ...wrap('  every command also takes:', common.map((o) => shownOption(o).replace(/^\[|\]$/g, '')), '        '),
    '  cdk8s-dns COMMAND --help: what a command does, every option it takes and its exit codes',
    '  cdk8s-dns --version, -V: the version of cdk8s-dns',
  ].join('\n');
}
