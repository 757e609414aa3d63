import { nearestName } from '../../../src/checks/lib/nearest-name';
import { EXPANSION_FACTOR, EXPANSION_SLACK, expandContainer, expandVars, hostsOf, isExternalUrlName } from '../../../src/checks/lib/workload-values';

describe('hostsOf: names as workloads write them', () => {
  test.each<[string, string, string, string[]]>([
    ['a jdbc MySQL URL', 'DB_URL', 'jdbc:mysql://mysql:3306/app', ['mysql']],
    ['a jdbc PostgreSQL URL with a .svc host', 'DB_URL', 'jdbc:postgresql://pg.db.svc:5432/x', ['pg.db.svc']],
    ['a jdbc SQL Server URL with ;parameters', 'DB_URL', 'jdbc:sqlserver://sql:1433;databaseName=app;encrypt=true', ['sql']],
    ['a jdbc MySQL load-balancing URL with two hosts', 'DB_URL', 'jdbc:mysql:loadbalance://db-0.db:3306,db-1.db:3306/app', ['db-0.db', 'db-1.db']],
    ['a jdbc Oracle thin URL', 'DB_URL', 'jdbc:oracle:thin:@//oracle:1521/XE', ['oracle']],
    ['an r2dbc URL', 'R2DBC', 'r2dbc:postgresql://pg:5432/app', ['pg']],
    ['a MongoDB replica set URL', 'MONGO', 'mongodb://u:p@mongo-0.mongo:27017,mongo-1.mongo:27017/db?replicaSet=rs', ['mongo-0.mongo', 'mongo-1.mongo']],
    ['a Redis URL with only a password', 'REDIS', 'redis://:secret@redis:6379/0', ['redis']],
    ['an AMQP URL with user and vhost', 'AMQP', 'amqp://guest:guest@rabbitmq.mesaging.svc.cluster.local:5672/', ['rabbitmq.mesaging.svc.cluster.local']],
    ['a NATS URL', 'NATS', 'nats://nats:4222', ['nats']],
    ['a Kafka bootstrap list', 'BOOTSTRAP', 'kafka-0.kafka:9092,kafka-1.kafka:9092', ['kafka-0.kafka', 'kafka-1.kafka']],
    ['a URL list with spaces', 'NATS', 'nats://a:4222, nats://b:4222', ['a', 'b']],
    ['a ZooKeeper connect string with a chroot', 'ZK', 'zk-0.zk:2181,zk-1.zk:2181/kafka', ['zk-0.zk', 'zk-1.zk']],
    ['a Kafka listener URL (a scheme with a port)', 'LISTENERS', 'PLAINTEXT://kafka-0.kafka:9092', ['kafka-0.kafka']],
    ['an unknown scheme with a port', 'FS', 'hdfs://namenode:8020/data', ['namenode']],
    ['host:port', 'CACHE', 'redis:6379', ['redis']],
    ['an absolute host:port, as Linkerd\'s injected proxy names its control plane', 'LINKERD2_PROXY_DESTINATION_SVC_ADDR', 'linkerd-dst-headless.linkerd.svc.cluster.local.:8086', ['linkerd-dst-headless.linkerd.svc.cluster.local.']],
    ['a Java system property flag value', '-Dspring.datasource.url', 'jdbc:mysql://mysql:3306/app', ['mysql']],
  ])('reads %s (%s=%s)', (_, name, value, hosts) => {
    expect(hostsOf(value, name)).toEqual(hosts);
  });

  test.each<[string, string, string]>([
    ['a file path', 'DATA_DIR', '/var/lib/data'],
    ['a version', 'APP_VERSION', '1.2.3'],
    ['an image with a tag', 'SIDECAR', 'nginx:1.25.3'],
    ['an image with a registry', 'SIDECAR', 'ghcr.io/org/app:2.0'],
    ['a list of images', 'IMAGES', 'nginx:1.25,redis:7'],
    ['an e-mail address', 'ADMIN', 'ops@example.com'],
    ['a mailto URL', 'CONTACT', 'mailto:ops@example.com'],
    ['a log level', 'LOG_LEVEL', 'info'],
    ['Java options', 'JAVA_OPTS', '-Xmx512m -Dkafka.bootstrap=kafka:9092'],
    ['JSON', 'CONFIG', '{"host":"redis:6379"}'],
    ['a time of day', 'BACKUP_AT', '12:30'],
    ['a list of durations', 'RETRIES', '30s,1m'],
    ['a list of words', 'FEATURES', 'a,b,c'],
    ['a list of key:value tags', 'TAGS', 'env:prod,team:web'],
    ['a label selector', 'SELECTOR', 'app=web,tier=frontend'],
    ['a semver range', 'RANGE', '>=1.2.3,<2.0.0'],
    ['an s3 bucket', 'BUCKET', 's3://bucket/key'],
    ['a secret reference scheme without a port', 'SECRET', 'vault://secret/data/app'],
    ['an in-memory H2 jdbc URL', 'DB_URL', 'jdbc:h2:mem:test'],
    ['a Kafka listener without host', 'LISTENERS', 'PLAINTEXT://:9092'],
    ['listeners on all addresses', 'LISTENERS', 'PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093'],
    ['a list of user:uid pairs', 'RUNAS', 'app:1000,web:1001'],
    ['an IPv6 URL', 'URL', 'http://[::1]:8080'],
    ['a jdbc URL to localhost', 'DB_URL', 'jdbc:mysql://localhost:3306/x'],
    ['a list with an item that is not an address', 'PEERS', 'kafka:9092,not an address'],
    ['an unexpanded variable', 'DB_URL', 'jdbc:mysql://$(DB_HOST):3306/app'],
  ])('reads no host in %s (%s=%s)', (_, name, value) => {
    expect(hostsOf(value, name)).toEqual([]);
  });
});

describe('isExternalUrlName', () => {
  test.each(['ALLOWED_HOSTS', 'allowedHosts', 'PAPERLESS_ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS', 'corsAllowedOrigins', 'web.external-url', 'EXTERNAL_URL', 'CORS_ORIGINS'])(
    'takes %s for a name whose value is never looked up', (name) => {
      expect(isExternalUrlName(name)).toBe(true);
    });

  test.each(['SHALLOW_HOSTS', 'swallowHost', 'SHALLOW_HOSTX', 'ALLOWED_HOSTS_SOURCE_URL', 'DISTRUSTED_ORIGINS', 'MOTORCYCLE_EXTERNAL_URLX'])(
    'reads %s (allow, trusted or cors inside another word, or not at the end)', (name) => {
      expect(isExternalUrlName(name)).toBe(false);
    });
});

describe('expandVars: Kubernetes $(VAR) expansion', () => {
  const vars = new Map([['A', 'x'], ['B', 'y'], ['EMPTY', '']]);
  test.each<[string, string, string]>([
    ['a defined variable', '$(A)', 'x'],
    ['two variables and text', 'http://$(A).$(B):80', 'http://x.y:80'],
    ['an escaped reference', '$$(A)', '$(A)'],
    ['an escape then a reference', '$$$(A)', '$x'],
    ['an undefined variable (stays as written)', '$(UNDEF):5432', '$(UNDEF):5432'],
    ['an empty variable', 'a$(EMPTY)b', 'ab'],
    ['an unclosed reference', '$(A', '$(A'],
    ['a $ without parenthesis', '$A', '$A'],
    ['a trailing $', 'a$', 'a$'],
  ])('expands %s', (_, input, expected) => {
    expect(expandVars(input, vars)).toBe(expected);
  });
});

describe('expandContainer', () => {
  test('expands env values from the entries before them, and command and args from the final env', () => {
    const c = expandContainer({
      env: [
        { name: 'URL_EARLY', value: 'http://$(HOST):80' }, // HOST is defined later: stays
        { name: 'HOST', value: 'api' },
        { name: 'URL', value: 'http://$(HOST):80' },
        { name: 'PORT', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'ADDR', value: '$(HOST):$(PORT)' }, // PORT is set from a field: unknown, stays
      ],
      command: ['run', '--url=$(URL)'],
      args: ['$$(HOST)'],
    });
    expect(c.env).toEqual([
      { name: 'URL_EARLY', value: 'http://$(HOST):80' },
      { name: 'HOST', value: 'api' },
      { name: 'URL', value: 'http://api:80', written: 'http://$(HOST):80' },
      { name: 'ADDR', value: 'api:$(PORT)', written: '$(HOST):$(PORT)' },
    ]);
    expect(c.args).toEqual([
      { name: '', value: 'run' },
      { name: '', value: '--url=http://api:80', written: '--url=$(URL)' },
      { name: '', value: '$(HOST)', written: '$$(HOST)' },
    ]);
  });

  test('a variable set again from valueFrom is unknown afterwards', () => {
    const c = expandContainer({ env: [{ name: 'H', value: 'a' }, { name: 'H', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], args: ['$(H):80'] });
    expect(c.args).toEqual([{ name: '', value: '$(H):80' }]);
  });
});

describe('nearestName', () => {
  test.each<[string, string[], string | undefined]>([
    ['mesaging', ['messaging', 'default'], 'messaging'],
    ['paymnts', ['payment', 'payments'], 'payments'], // one edit away, the other two
    ['db', ['dc', 'de'], undefined], // too short for a guess
    ['monitoring', ['logging'], undefined],
    ['prod', ['prod'], undefined], // the same name is no hint
  ])('%p among %p is %p', (name, candidates, expected) => {
    expect(nearestName(name, candidates)).toBe(expected);
  });
});

describe('expansion is bounded (hostile input)', () => {
  /** `V0=x`, then `Vi=$(Vi-1)$(Vi-1)`: the value of entry i is 2^i characters as Kubernetes would expand it. */
  function doubling(n: number): { name: string; value: string }[] {
    return [{ name: 'V0', value: 'x' }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `V${i + 1}`, value: `$(V${i})$(V${i})` }))];
  }

  test('expandVars: undefined past the limit, the value at it', () => {
    const vars = new Map([['A', 'x'.repeat(10)]]);
    expect(expandVars('$(A)$(A)', vars, 20)).toBe('x'.repeat(20));
    expect(expandVars('$(A)$(A)!', vars, 20)).toBeUndefined();
    expect(expandVars('$(A)$(A)$(A)', vars, 20)).toBeUndefined();
  });

  test.each([20, 40, 1000])('%i entries that each double the one before: expanded values stay within the budget, no throw', (n) => {
    const c = expandContainer({ env: [...doubling(n), { name: 'URL', value: 'http://api.payments:80' }], args: ['--x=$(V5)', `--y=$(V${n - 1})`] });
    const total = [...c.env, ...c.args].reduce((sum, v) => sum + v.value.length, 0);
    const written = [...c.env, ...c.args].reduce((sum, v) => sum + (v.written ?? v.value).length, 0);
    expect(total).toBeLessThanOrEqual(EXPANSION_SLACK + (EXPANSION_FACTOR + 1) * written);
    expect(c.env.find((e) => e.name === 'V5')).toEqual({ name: 'V5', value: 'x'.repeat(32), written: '$(V4)$(V4)' });
    // past the budget, references stay as written (the value is unknown): the last entry is not 2^(n-1) x's
    expect(c.env[n - 1].value).toMatch(/^(\$\(V\d+\))+$/);
    expect(c.args.map((a) => a.value)).toEqual([expect.stringMatching(/^--x=(x{32}|\$\(V5\))$/), expect.stringMatching(/^--y=(\$\(V\d+\))+$/)]);
    expect(c.env[n]).toEqual({ name: 'URL', value: 'http://api.payments:80' });
    // AND it says that it cut
    expect(c.cut).toBe(true);
  });

  test('a container whose values expand within the budget is not cut', () => {
    expect(expandContainer({ env: doubling(5), args: ['--x=$(V4)'] }).cut).toBe(false);
  });
});

describe('.svc names (hostile input)', () => {
  test.each<[string, string, string[]]>([
    ['a Service in another namespace', 'db.other.svc', ['db.other.svc']],
    ['a full name with the root dot', 'db.other.svc.cluster.local.', ['db.other.svc.cluster.local.']],
    ['a name ending in svc and a dot', 'db.other.svc.', ['db.other.svc.']],
    ['upper case', 'DB.Other.SVC', ['db.other.svc']],
    ['svc followed by two dots (no host name)', 'db.svc..', []],
    ['a label that only starts with svc', 'db.svcx', []],
    ['a label that only ends with svc', 'db.xsvc', []],
    ['svc as the first label', 'svc.db', []],
    ['a first character that is a dot', '.db.svc', []],
    ['a character outside names', 'db.svc.cluster_local', []],
    ['svc labels up to the longest name', `a${'.svc'.repeat(63)}`, [`a${'.svc'.repeat(63)}`]],
    // one pattern read the rest of the value again at each `.svc`: 2 ms for this value, 3 s for 1,000 of them
    ['many svc labels then a stray character', `a${'.svc'.repeat(505)}!`, []],
  ])('reads %s (%s)', (_case, value, hosts) => {
    expect(hostsOf(value, 'URL')).toEqual(hosts);
  });
});
