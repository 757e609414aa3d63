/**
 * `cdk8s-dns resolve NAME [--type T] [--namespace NS] [-f PATH]... [--domain D] [--pods M] [--endpoint-pod-names]
 * [--json]`: one question, printed like `host -v` (text) or as one JSON object. Exit 0 with at least one answer,
 * 1 when the name does not resolve (NXDOMAIN or NODATA), 2 on bad usage or unreadable input.
 *
 * JSON: `{"question":{"name","type","namespace"},"tried":[...],"rcode","answers":[{"name","type","ttl","data"}],
 * "simulated":[...],"cut"?,"entryPoints":[...]}` (names absolute; `namespace` null without search path; `cut`, text `;; CUT:`, only
 * when the name stands for more records than one answer lists, resolver.ts MAX_ANSWER_RECORDS). `entryPoints` (text:
 * the `;; ENTRY POINTS` lines) are the Ingresses and routes whose backends name the Service the name reaches
 * (dns/entry-points.ts): read from the manifests beside the answer, never DNS records.
 */
import { commonOptions, last, parseArgs, UsageError } from './args';
import type { CliIo } from './main';
import { commandHelp, commandUsage, optionSpec, wantsHelp } from './usage';
import { entryPointsOf, EntryPointUse } from '../dns/entry-points';
import { askQuestion, QueryOutcome } from '../dns/query';
import { Resolver } from '../dns/resolver';
import { MAX_NAME_OCTETS, octets } from '../dns/search';
import { RECORD_TYPES, ResourceRecord } from '../dns/types';
import { isDns1123Label } from '../k8s-syntax/names';
import { ClusterModel } from '../model/cluster-model';
import { loadManifests } from '../model/load';
import { showList, showValue } from '../show-value';

/** Runs `resolve`; returns the exit code. */
export function runResolve(argv: string[], io: CliIo): number {
  let outcome: QueryOutcome;
  let entryPoints: EntryPointUse[];
  let json: boolean;
  if (wantsHelp(argv)) {
    io.stdout(`${commandHelp('resolve')}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv, optionSpec('resolve'));
    if (args.positional.length !== 1) {
      throw new UsageError(args.positional.length === 0 ? 'resolve needs a NAME' : `resolve takes one NAME (got ${args.positional.length}: ${showList(args.positional)})`);
    }
    const illegal = illegalName(args.positional[0]);
    if (illegal !== undefined) throw new UsageError(`NAME ${showValue(args.positional[0])} is not a legal DNS name: ${illegal}`);
    const type = (last(args, 'type') ?? 'A').toUpperCase();
    if (!(RECORD_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`--type must be one of ${RECORD_TYPES.join(', ')} (got ${showValue(last(args, 'type'))})`);
    }
    const ndotsText = last(args, 'ndots');
    if (ndotsText !== undefined && !/^\d{1,2}$/.test(ndotsText)) throw new UsageError(`--ndots must be an integer from 0 to 99 (got ${showValue(ndotsText)})`);
    const namespace = last(args, 'namespace');
    if (namespace !== undefined && !isDns1123Label(namespace.toLowerCase())) {
      throw new UsageError(`--namespace must be a namespace name: a DNS-1123 label of at most 63 letters, digits and '-' (got ${showValue(namespace)})`);
    }
    const common = commonOptions(args);
    json = args.flags.json === true;
    const model = ClusterModel.fromDocuments(loadManifests(common.files, { stdin: io.stdin, jobs: common.jobs }), common.model);
    const resolver = new Resolver(model, { ttl: common.ttl });
    outcome = askQuestion(resolver, model.options.clusterDomain, args.positional[0], {
      type, namespace, ndots: ndotsText === undefined ? undefined : Number(ndotsText),
    });
    entryPoints = entryPointsOf(model, outcome);
  } catch (e: any) {
    io.stderr(`cdk8s-dns: ${String(e?.message ?? e).split('\n')[0]}\n`);
    if (e instanceof UsageError) io.stderr(`${commandUsage('resolve')}\n`);
    return 2;
  }
  io.stdout(json ? `${JSON.stringify(toJson(outcome, entryPoints), null, 2)}\n` : toText(outcome, entryPoints));
  return outcome.response.answers.length > 0 ? 0 : 1;
}

/**
 * Why `name` cannot be asked at all, as `host` refuses it ("is not a legal name"), or undefined: empty, an empty label
 * (`a..b`), a label of more than 63 octets or a name of more than 253 (RFC 1035 2.3.4; octets of UTF-8, so 40 `é` are
 * 80). The root `.` is legal.
 */
export function illegalName(name: string): string | undefined {
  if (name === '.') return undefined;
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n === '') return 'it is empty';
  const size = octets(n);
  if (size > MAX_NAME_OCTETS) return `it has ${size.toLocaleString('en-US')} octets (at most ${MAX_NAME_OCTETS})`;
  const labels = n.split('.');
  if (labels.includes('')) return 'it has an empty label';
  const long = labels.find((l) => octets(l) > 63);
  return long === undefined ? undefined : `a label has ${octets(long)} octets (at most 63)`;
}

/** The JSON contract of issue 4, plus `entryPoints` (issue 17). */
export function toJson(o: QueryOutcome, entryPoints: readonly EntryPointUse[] = []): object {
  return {
    question: { name: o.question.name, type: o.question.type, namespace: o.question.namespace ?? null },
    tried: [...o.tried],
    rcode: o.response.rcode,
    answers: o.response.answers.map((a) => ({ name: a.name, type: a.type, ttl: a.ttl, data: a.data })),
    simulated: [...o.response.simulated],
    ...(o.response.cut !== undefined ? { cut: o.response.cut } : {}),
    entryPoints: entryPoints.map((e) => ({
      kind: e.kind,
      namespace: e.namespace,
      name: e.name,
      service: { namespace: e.service.namespace, name: e.service.name },
      where: e.where,
      role: e.role,
      port: e.port ?? null,
      host: e.host ?? null,
      path: e.path ?? null,
      hostnames: [...e.hostnames],
      permitted: e.permitted,
    })),
  };
}

function line(rr: ResourceRecord): string {
  const data = rr.type === 'TXT' ? `"${rr.data}"` : rr.data;
  return `${rr.name} ${rr.ttl} IN ${rr.type} ${data}${rr.simulated && rr.simulated.length > 0 ? ' ; simulated' : ''}`;
}

/**
 * Text like `host -v`: the candidates tried, the header, the sections, then the simulated values. On NXDOMAIN, as
 * `host -v`, only the candidates tried and `Host <name> not found: 3(NXDOMAIN)`. NODATA shows the sections (the
 * SOA in the authority section) and no `has no ... record` line (`host` prints that only without `-v`). Entry points
 * that reach the name follow as `;; ENTRY POINTS` comment lines (none: no section).
 */
export function toText(o: QueryOutcome, entryPoints: readonly EntryPointUse[] = []): string {
  const r = o.response;
  const out: string[] = [];
  for (const t of o.tried) out.push(`Trying "${t.replace(/\.$/, '')}"`);
  if (r.rcode === 'NXDOMAIN') {
    out.push(`Host ${o.question.name.replace(/\.$/, '')} not found: 3(NXDOMAIN)`);
    return `${out.join('\n')}\n`;
  }
  out.push(`;; ->>HEADER<<- opcode: QUERY, status: ${r.rcode}`);
  // Authoritative inside the cluster and reverse zones; names outside them would go upstream (none here).
  const aa = r.rcode === 'NOERROR' || r.authority.length > 0 ? ' aa' : '';
  out.push(`;; flags: qr${aa} rd; QUERY: 1, ANSWER: ${r.answers.length}, AUTHORITY: ${r.authority.length}, ADDITIONAL: ${r.additional.length}`);
  out.push('', ';; QUESTION SECTION:', `;${o.question.name} IN ${o.question.type}`);
  const section = (title: string, rrs: readonly ResourceRecord[]) => {
    if (rrs.length === 0) return;
    out.push('', `;; ${title} SECTION:`);
    for (const rr of rrs) out.push(line(rr)); // no spread: a headless Service may answer with 100,000s of records
  };
  section('ANSWER', r.answers);
  section('AUTHORITY', r.authority);
  section('ADDITIONAL', r.additional);
  if (r.cut !== undefined) out.push('', `;; CUT: ${r.cut}`);
  if (r.simulated.length > 0) {
    out.push('', ';; SIMULATED (not in the input):');
    for (const s of r.simulated) out.push(`;  ${s}`);
  }
  if (entryPoints.length > 0) {
    out.push('', ';; ENTRY POINTS (Ingresses and routes whose backends name the Service; from the manifests, not DNS):');
    for (const e of entryPoints) out.push(`;  ${entryPointLine(e)}`);
  }
  out.push('');
  return `${out.join('\n')}\n`;
}

/**
 * `Ingress shop/web shop.example.com/api -> api.shop.svc:8080`, `Ingress shop/web default backend -> web.shop.svc:http`,
 * `HTTPRoute shop/store store.example.com mirror -> web.shop.svc:80`, `TCPRoute shop/db -> db.data.svc:5432 (no
 * ReferenceGrant allows it)`.
 */
function entryPointLine(e: EntryPointUse): string {
  const match = e.role === 'default' ? ['default backend'] : [`${e.host ?? ''}${e.path ?? ''}`, e.hostnames.join(', '), e.role === 'mirror' ? 'mirror' : ''];
  const what = match.filter((m) => m !== '').map((m) => ` ${m}`).join('');
  const port = e.port === undefined ? '' : `:${e.port}`;
  return `${e.kind} ${e.namespace}/${e.name}${what} -> ${e.service.name}.${e.service.namespace}.svc${port}${e.permitted ? '' : ' (no ReferenceGrant allows it)'}`;
}
