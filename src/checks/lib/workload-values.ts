/**
 * Which host names a value written in a workload names, whether a host is meant for cluster DNS by its shape, and the
 * `$(VAR)` expansion Kubernetes applies to container env values, command and args (workload-name-unresolved,
 * namespace-not-in-input and the graph's `uses` edges).
 *
 * Shapes read (the whole value, no spaces except after list commas):
 * - a URL: `http://api.payments`, `postgres://u:p@db:5432/x`, `jdbc:mysql://mysql:3306/app`,
 *   `jdbc:sqlserver://sql:1433;databaseName=x`, `jdbc:oracle:thin:@//ora:1521/XE`, `r2dbc:postgresql://pg/x`, and
 *   several hosts in one authority (`mongodb://u:p@a:27017,b:27017/db?replicaSet=rs`). A URL of a network scheme
 *   names hosts; any other scheme (`s3://bucket`, `vault://secret/x`) only when its authority carries a port;
 * - `host:port` (`redis:6379`; ports below 20 are image tags such as `redis:7`);
 * - a name containing a `svc` label (`db.other.svc`);
 * - a comma-separated list of these (`kafka-0.kafka:9092,kafka-1.kafka:9092`, `nats://a:4222, nats://b:4222`,
 *   ZooKeeper's `zk-0.zk:2181,zk-1.zk:2181/chroot`).
 * Hosts that are localhost, IPs, without a letter or not DNS-1123 subdomains are dropped.
 */
import { parseIp } from '../../k8s-syntax/ip';
import { isDns1123Subdomain } from '../../k8s-syntax/names';
import type { ClusterModel } from '../../model/cluster-model';

/**
 * What a value says about hosts without its name. `sure`: the shape alone says they are hosts (URLs, `.svc` names);
 * otherwise (`host:port` items) they count depending on the value's name, and `account` says an item looks like a
 * `user:uid` pair (`nobody:65534`).
 */
export interface ValueShape {
  readonly hosts: readonly string[];
  readonly sure: boolean;
  readonly account: boolean;
}

export const NO_HOST: ValueShape = Object.freeze({ hosts: Object.freeze([]) as readonly string[], sure: true, account: false });

/** URL schemes whose authority is a network host even without a port (`s3://bucket`, `file://`, `gs://` name no host). */
const NETWORK_SCHEMES = new Set([
  'http', 'https', 'grpc', 'grpcs', 'ws', 'wss', 'redis', 'rediss', 'postgres', 'postgresql', 'mysql', 'mariadb', 'mongodb',
  'amqp', 'amqps', 'kafka', 'nats', 'tls', 'tcp', 'udp', 'ldap', 'ldaps', 'memcached', 'mqtt', 'mqtts', 'ftp', 'sftp',
  'smtp', 'smtps', 'sqlserver', 'clickhouse', 'cassandra', 'elasticsearch', 'neo4j', 'bolt', 'etcd', 'zookeeper',
]);
/** `[jdbc:|r2dbc:]scheme[:subprotocol...]://`: group 1 the driver prefix, group 2 the scheme. */
const URL_START_RE = /^(?:(jdbc|r2dbc):)?([a-z][a-z0-9+.-]*)(?::[a-z][a-z0-9+.-]*)*:\/\//i;
/** `jdbc:oracle:thin:@//host:port/service` and `jdbc:oracle:thin:@host:port:SID`. */
const ORACLE_RE = /^jdbc:oracle:thin:@(?:\/\/)?([^:/\s@]+):(\d{1,5})(?:[/:]\S*)?$/i;
/** One `host[:port]` of an authority. */
const AUTHORITY_HOST_RE = /^([^:[\]]+)(?::(\d{1,5}))?$/;
/** `host:port`, the host absolute or not (Linkerd's proxy: `linkerd-dst-headless.linkerd.svc.cluster.local.:8086`). */
const HOST_PORT_RE = /^((?:[a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9])\.?):(\d{1,5})$/i;
/** `host:port/path`, the last item of a ZooKeeper connect string. */
const HOST_PORT_PATH_RE = /^((?:[a-z0-9][-a-z0-9.]*[a-z0-9]|[a-z0-9])\.?):(\d{1,5})\/\S*$/i;
/**
 * A name with a `svc` label after its first (`db.other.svc`, `db.other.svc.cluster.local.`): NAME_CHARS_RE and
 * SVC_LABEL_RE, two scans. One pattern (`^[a-z0-9][-a-z0-9.]*\.svc(\.[-a-z0-9.]+)?\.?$`) read the rest of the value
 * again at every `.svc` it backtracked to: `a.svc.svc...svc!` of 2,040 characters took 2 ms, and 1,000 such values 3 s.
 */
const NAME_CHARS_RE = /^[a-z0-9][-a-z0-9.]*$/i;
const SVC_LABEL_RE = /\.svc(?:\.|$)/i;
/** Account names of `user:uid` values (`nobody:65534`). */
const ACCOUNTS = new Set(['root', 'nobody', 'nogroup', 'daemon', 'www-data']);
const WHITESPACE_RE = /\s/;

/** The hosts a value names (see the file comment), without its name. */
export function valueShape(value: string): ValueShape {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048) return NO_HOST;
  if (WHITESPACE_RE.test(v)) return v.includes(',') ? listShape(v) : NO_HOST;
  const one = itemShape(v, true, true);
  if (one) return one;
  return v.includes(',') ? listShape(v) : NO_HOST;
}

/** A comma-separated list: every item must be a URL, `host:port` or `.svc` name (the last may be `host:port/path`). */
function listShape(v: string): ValueShape {
  const items = v.split(/\s*,\s*/);
  if (items.length < 2) return NO_HOST;
  const hosts: string[] = [];
  let sure = true;
  let account = false;
  for (let i = 0; i < items.length; i++) {
    if (items[i] === '' || WHITESPACE_RE.test(items[i])) return NO_HOST;
    const s = itemShape(items[i], false, i === items.length - 1);
    if (!s) return NO_HOST;
    for (const h of s.hosts) hosts.push(h);
    sure &&= s.sure;
    account ||= s.account;
  }
  return hosts.length === 0 ? NO_HOST : { hosts: unique(hosts), sure, account };
}

/**
 * One item: a URL (`authorityList`: several hosts in its authority), `host:port` (`last`: with a path), a `.svc`
 * name. Undefined when it is none of them; NO_HOST when it is one without a usable host.
 */
function itemShape(v: string, authorityList: boolean, last: boolean): ValueShape | undefined {
  if (v.includes('://') || /^jdbc:/i.test(v)) return urlShape(v, authorityList);
  const hp = HOST_PORT_RE.exec(v) ?? (last ? HOST_PORT_PATH_RE.exec(v) : null);
  if (hp) {
    // `redis:7`, `postgres:16`: image tags, not ports (no service listens below 20 in practice). A value with a colon
    // is never a `.svc` name.
    const port = Number(hp[2]);
    if (port < 20 || port > 65535) return NO_HOST;
    const host = checkedHost(hp[1]);
    return { hosts: host ? [host] : [], sure: false, account: ACCOUNTS.has(hp[1].toLowerCase()) };
  }
  if (NAME_CHARS_RE.test(v) && SVC_LABEL_RE.test(v)) {
    const host = checkedHost(v);
    return host ? { hosts: [host], sure: true, account: false } : NO_HOST;
  }
  return undefined;
}

function urlShape(v: string, authorityList: boolean): ValueShape | undefined {
  const oracle = ORACLE_RE.exec(v);
  if (oracle) {
    const host = Number(oracle[2]) <= 65535 ? checkedHost(oracle[1]) : undefined;
    return host ? { hosts: [host], sure: true, account: false } : NO_HOST;
  }
  const start = URL_START_RE.exec(v);
  if (!start) return undefined;
  const rest = v.slice(start[0].length);
  const end = rest.search(/[/?#;]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const hostPart = at === -1 ? authority : authority.slice(at + 1);
  const parts = authorityList ? hostPart.split(',') : [hostPart];
  const hosts: string[] = [];
  let port = false;
  for (const p of parts) {
    if (p.startsWith('[')) continue; // an IPv6 literal
    const m = AUTHORITY_HOST_RE.exec(p);
    if (!m) return NO_HOST;
    if (m[2] !== undefined) {
      if (Number(m[2]) > 65535) return NO_HOST;
      port = true;
    }
    const host = checkedHost(m[1]);
    if (host) hosts.push(host);
  }
  const network = start[1] !== undefined || NETWORK_SCHEMES.has(start[2].toLowerCase().split('+')[0]) || port;
  return network && hosts.length > 0 ? { hosts: unique(hosts), sure: true, account: false } : NO_HOST;
}

/** The host in lower case, unless it is localhost, an IP, has no letter or is not a DNS-1123 subdomain. */
function checkedHost(host: string): string | undefined {
  const h = host.toLowerCase();
  const bare = h.endsWith('.') ? h.slice(0, -1) : h;
  if (bare === 'localhost' || parseIp(bare) || !/[a-z]/.test(bare) || !isDns1123Subdomain(bare)) return undefined;
  return h;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}

/**
 * Kubernetes' `$(VAR)` expansion (third_party/forked/golang/expansion/expand.go): `$(NAME)` becomes the value of NAME
 * when `vars` has it and stays as written otherwise (undefined, or set from a ConfigMap, Secret or field, whose value
 * is unknown here); `$$` is an escaped `$`; any other `$` stays. Undefined when the result would be longer than
 * `limit` characters (values that refer to each other double at each step: 40 short entries would make 2^40).
 */
export function expandVars(input: string, vars: ReadonlyMap<string, string>, limit: number = Infinity): string | undefined {
  if (input.indexOf('$') === -1) return input;
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const next = input[cursor + 1];
    let advance = 1;
    if (next === '$') {
      out += '$';
    } else if (next === '(') {
      const close = input.indexOf(')', cursor + 2);
      if (close === -1) {
        out += '$(';
      } else {
        const name = input.slice(cursor + 2, close);
        const value = vars.get(name);
        out += value ?? `$(${name})`;
        if (out.length > limit) return undefined;
        advance = close - cursor;
      }
    } else {
      out += `$${next}`;
    }
    cursor += advance;
    checkpoint = cursor + 1;
  }
  out += input.slice(checkpoint);
  return out.length > limit ? undefined : out;
}

/** A value as the container sees it: `value` after expansion, `written` as in the manifest (when they differ). */
export interface ExpandedValue {
  readonly name: string;
  readonly value: string;
  readonly written?: string;
}

/**
 * The env values (name, value) and the command then args of a raw container, expanded as the kubelet does
 * (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): each env value from the env entries before it, command and
 * args from the final env. An entry set from `valueFrom` makes its name unknown; `envFrom` and Service variables are
 * unknown too, so references to them stay as written.
 *
 * Bounded: the values of a container after expansion total at most its values as written, plus `EXPANSION_FACTOR`
 * times that, plus `EXPANSION_SLACK` characters. A value whose expansion would pass that stays as written and its name
 * becomes unknown (as from `valueFrom`), so a chain of entries that each refer twice to the one before (exponential: 2^n characters from n
 * entries) costs linear time and memory, and can only hide a name from the checks, never report one; `cut` tells that
 * it did (the caller reports the container as left unjudged).
 */
export function expandContainer(raw: { readonly [key: string]: any }): { env: ExpandedValue[]; args: ExpandedValue[]; cut: boolean } {
  const vars = new Map<string, string>();
  const env: ExpandedValue[] = [];
  const list = Array.isArray(raw.env) ? raw.env : [];
  let budget = EXPANSION_SLACK + EXPANSION_FACTOR * writtenLength(raw, list);
  let cut = false;
  const expand = (input: string): string | undefined => {
    const value = expandVars(input, vars, budget);
    if (value !== undefined) budget -= value.length;
    else cut = true;
    return value;
  };
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (typeof e !== 'object' || e === null || typeof e.name !== 'string') continue;
    if (typeof e.value === 'string' && e.value !== '') {
      const value = expand(e.value);
      if (value === undefined) {
        vars.delete(e.name); // too long to follow: unknown, like a value from a field
        env.push({ name: e.name, value: e.value });
        continue;
      }
      vars.set(e.name, value);
      env.push(value === e.value ? { name: e.name, value } : { name: e.name, value, written: e.value });
    } else if (e.valueFrom !== undefined && e.valueFrom !== null) {
      vars.delete(e.name);
    } else {
      vars.set(e.name, '');
      if (typeof e.value === 'string') env.push({ name: e.name, value: '' });
    }
  }
  const args: ExpandedValue[] = [];
  for (const key of ['command', 'args']) {
    const a = Array.isArray(raw[key]) ? raw[key] : [];
    for (let i = 0; i < a.length; i++) {
      if (typeof a[i] !== 'string') continue;
      const value = expand(a[i]) ?? a[i];
      args.push(value === a[i] ? { name: '', value } : { name: '', value, written: a[i] });
    }
  }
  return { env, args, cut };
}

/** How many times its written values a container's expanded values may be long (see `expandContainer`). */
export const EXPANSION_FACTOR = 16;
/** Characters of expanded values every container may have beyond `EXPANSION_FACTOR` times its written values. */
export const EXPANSION_SLACK = 4096;

/** Characters of a container's string env values, command and args as written. */
function writtenLength(raw: { readonly [key: string]: any }, env: readonly any[]): number {
  let n = 0;
  for (const e of env) if (typeof e?.value === 'string') n += e.value.length;
  for (const key of ['command', 'args']) {
    const a = Array.isArray(raw[key]) ? raw[key] : [];
    for (const x of a) if (typeof x === 'string') n += x.length;
  }
  return n;
}

/** Env var / flag names that say the value is an address. */
export const HOST_NAME_HINT = /HOST|ADDR|URL|URI|ENDPOINT|SERVER|BROKER|DSN/i;
/** Env var / flag names whose `x:n` values are users, groups, images or versions (`--user=app:1000`, `BASE=node:22`). */
export const NOT_HOST_NAME_HINT = /USER|RUN_?AS|UID|GID|GROUP|OWNER|CHOWN|IMAGE|BASE|TAG|VERSION/i;
/** Names of values that are container images, not hosts. */
export const IMAGE_RE = /image/i;
/**
 * Names of values that are TLS server names, which a client checks the server's certificate against and sends as SNI,
 * but never looks up (`TLS_RELAY_SERVER_NAME`, `--tls-server-name`, `DB_TLS_SERVER_NAME` of MigratingDatabase's
 * connectionEnv, gRPC's `SSL_TARGET_NAME_OVERRIDE`, `..._SNI`): the host connected to is in another value.
 */
export const TLS_NAME_RE = /^(?=.*(?:^|[^a-z])(?:tls|ssl))(?=.*server[-_.]?names?(?![a-z]))|target[-_.]?name[-_.]?override|(?:^|[^a-z])sni(?:[-_.]?(?:name|host(?:name)?))?$/i;

/**
 * Names of values that are names of Kubernetes objects, a Secret or a ConfigMap (Kyverno's
 * `--caSecretName=kyverno-svc.kyverno.svc.kyverno-tls-ca`, `TLS_SECRET_NAME`, `--config-map-name`, a key `secretName`):
 * an object name may have `svc` labels, yet nothing looks it up. Only names that end so (`SECRET_STORE_ADDR` is an
 * address, `SECRET_NAMESPACE` no object name).
 */
export const OBJECT_NAME_RE = /(?:secret|config[-_.]?map)(?:[-_.]?names?)?$/i;

/**
 * Whether `name` (an env var, flag or key) names a value that names the application as its clients reach it, which it
 * puts into links and redirects or compares the Host and Origin headers of requests with, but never connects to itself:
 * - the URL under which it is reached from outside (Prometheus' and Alertmanager's `--web.external-url`, "the URL under
 *   which Alertmanager is externally reachable ... used for generating relative and absolute links back to Alertmanager
 *   itself"; Mimir's `-alertmanager.web.external-url`; `EXTERNAL_URL`, `externalUrl`): the browsers that follow the
 *   links look its host up with their own DNS;
 * - the hosts and origins it accepts requests for (Django's `ALLOWED_HOSTS` and `CSRF_TRUSTED_ORIGINS`, Paperless-ngx's
 *   `PAPERLESS_ALLOWED_HOSTS` and `PAPERLESS_CORS_ALLOWED_HOSTS`, gethomepage's `HOMEPAGE_ALLOWED_HOSTS`,
 *   `CORS_ALLOWED_ORIGINS`, `CORS_ALLOW_ORIGINS`, Nextcloud's `NEXTCLOUD_TRUSTED_DOMAINS`): the server compares the
 *   Host or Origin header of each request with them, and only the clients that send those requests look the names up.
 * The name ends in one of EXTERNAL_NAME_END_RE's words (any case), which starts the name or follows a `-`, `_` or `.`
 * or a camelCase boundary (`corsAllowedOrigins`): never mid-word, so `SHALLOW_HOSTS` and `swallowHost` are read.
 */
export function isExternalUrlName(name: string): boolean {
  const end = EXTERNAL_NAME_END_RE.exec(name);
  if (end === null) return false;
  const at = end.index;
  if (at === 0 || '-_.'.includes(name[at - 1])) return true;
  return /[a-z0-9]/.test(name[at - 1]) && /[A-Z]/.test(name[at]);
}

/** The endings of the names `isExternalUrlName` accepts, before its test of what precedes them. */
const EXTERNAL_NAME_END_RE = /(?:external[-_.]?urls?|allow(?:ed)?[-_.]?(?:hosts?|origins?)|trusted[-_.]?(?:hosts?|origins?|domains?)|cors[-_.]?origins?)$/i;

/** A value with a URL scheme: an address, never a TLS server name or object name, whatever its name says. */
export const URL_VALUE_RE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The hosts a value addresses (see the file comment for the shapes), none when `name` (the env var, flag or key)
 * says the value is an external URL or a host the app accepts requests for (`isExternalUrlName`), or a TLS server name
 * (TLS_NAME_RE) or an object name (OBJECT_NAME_RE) and it is a bare name (no URL, no `host:port`). `host:port` items count when `name` says the value is an address, or else when nothing marks it as a `user:uid`, image or version
 * pair (by the name or a well-known account).
 */
export function hostsOf(value: string, name = ''): readonly string[] {
  return hostsFromShape(valueShape(value), name, value);
}

/** The first of `hostsOf(value, name)`. */
export function hostOf(value: string, name = ''): string | undefined {
  return hostsOf(value, name)[0];
}

function hostsFromShape(shape: ValueShape, name: string, value: string): readonly string[] {
  if (notLookedUp(name, value)) return NO_HOST.hosts;
  if (shape.sure) return shape.hosts;
  const userLike = NOT_HOST_NAME_HINT.test(name) || shape.account;
  return HOST_NAME_HINT.test(name) || !userLike ? shape.hosts : NO_HOST.hosts;
}

/**
 * Whether a value named `name` is a name that is never looked up: an external URL or a host the app accepts requests
 * for (`isExternalUrlName`), a TLS server name (TLS_NAME_RE) that is no URL, or an object name (OBJECT_NAME_RE) that is a bare name, without the `:` or `/` of a
 * URL or a `host:port` (an object name is a DNS-1123 subdomain, so `VAULT_ADDR_SECRET=vault.default.svc:8200` is an
 * address). `tlsName`, `objectName` and `externalUrl` are the name's tests, for callers that read them once per name.
 */
export function notLookedUp(
  name: string, value: string, tlsName = TLS_NAME_RE.test(name), objectName = OBJECT_NAME_RE.test(name), externalUrl = isExternalUrlName(name),
): boolean {
  if (externalUrl) return true;
  const v = value.trim();
  if (tlsName) return !URL_VALUE_RE.test(v);
  return objectName && !/[:/]/.test(v);
}

const DOT = 46;

/**
 * Whether a host can only be meant for cluster DNS: one label (not absolute), a `svc` label, in the cluster domain,
 * or `<name>.<existing namespace>` (not absolute). Reads the text in place (no label list): every host a workload
 * uses is asked once per namespace.
 */
export function inClusterShape(model: ClusterModel, host: string): boolean {
  const absolute = host.endsWith('.');
  const bare = absolute ? host.slice(0, -1) : host;
  const firstDot = bare.indexOf('.');
  if (firstDot === -1) return !absolute;
  const zone = model.options.clusterDomain;
  if (hasSvcLabel(bare) || bare === zone || (bare.endsWith(zone) && bare.charCodeAt(bare.length - zone.length - 1) === DOT)) return true;
  // two labels: `<name>.<namespace>`
  return !absolute && bare.indexOf('.', firstDot + 1) === -1 && model.namespaceExists(bare.slice(firstDot + 1));
}

/** Whether one of the dot-separated labels of `name` is `svc`. */
function hasSvcLabel(name: string): boolean {
  return name === 'svc' || name.startsWith('svc.') || name.endsWith('.svc') || name.includes('.svc.');
}
