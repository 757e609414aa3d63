import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { testApp } from './test-app';
import { ExternalDependency } from '../src/external-dependency';
import { HeadlessStatefulSet } from '../src/headless-stateful-set';
import { MigratingDatabase } from '../src/migrating-database';
import { MigrationPhase } from '../src/migration-phase';
import { SelectorlessIpService } from '../src/selectorless-ip-service';
import { IServiceReference } from '../src/service-reference';

/** One of the four Service constructs: how to make one, its static `isX` and its class. */
interface ServiceConstructCase {
  readonly name: string;
  readonly type: abstract new (...args: any[]) => IServiceReference;
  readonly isX: (x: unknown) => boolean;
  readonly make: (scope: Construct, id: string) => IServiceReference;
  /** A subclass of `type`, made the same way. */
  readonly makeSubclass: (scope: Construct, id: string) => IServiceReference;
}

class TeamDependency extends ExternalDependency {}
class TeamIpService extends SelectorlessIpService {}
class TeamStatefulSet extends HeadlessStatefulSet {}
class TeamDatabase extends MigratingDatabase {}

const statefulSetProps = { image: 'redis:7', ports: [{ name: 'redis', port: 6379 }] };
const databaseProps = { externalName: 'db.example.com', port: 5432, phase: MigrationPhase.EXTERNAL };

const CASES: ServiceConstructCase[] = [
  {
    name: 'ExternalDependency',
    type: ExternalDependency,
    isX: (x) => ExternalDependency.isExternalDependency(x),
    make: (scope, id) => new ExternalDependency(scope, id, { externalName: 'db.example.com' }),
    makeSubclass: (scope, id) => new TeamDependency(scope, id, { externalName: 'db.example.com' }),
  },
  {
    name: 'SelectorlessIpService',
    type: SelectorlessIpService,
    isX: (x) => SelectorlessIpService.isSelectorlessIpService(x),
    make: (scope, id) => new SelectorlessIpService(scope, id, { addresses: ['203.0.113.10'], ports: [{ port: 443 }] }),
    makeSubclass: (scope, id) => new TeamIpService(scope, id, { addresses: ['203.0.113.10'], ports: [{ port: 443 }] }),
  },
  {
    name: 'HeadlessStatefulSet',
    type: HeadlessStatefulSet,
    isX: (x) => HeadlessStatefulSet.isHeadlessStatefulSet(x),
    make: (scope, id) => new HeadlessStatefulSet(scope, id, statefulSetProps),
    makeSubclass: (scope, id) => new TeamStatefulSet(scope, id, statefulSetProps),
  },
  {
    name: 'MigratingDatabase',
    type: MigratingDatabase,
    isX: (x) => MigratingDatabase.isMigratingDatabase(x),
    make: (scope, id) => new MigratingDatabase(scope, id, databaseProps),
    makeSubclass: (scope, id) => new TeamDatabase(scope, id, databaseProps),
  },
];

/** An object as another copy of this library would make it: another class, the same `Symbol.for` brand. */
function fromAnotherCopy(name: string): object {
  class OtherCopy {}
  Object.defineProperty(OtherCopy.prototype, Symbol.for(`cdk8s-service-discovery.${name}`), { value: true });
  return new OtherCopy();
}

describe('every Service construct has the same shape', () => {
  test.each(CASES)('$name: isX and instanceof hold for its instances and subclasses, not for the other constructs', (c) => {
    // GIVEN
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });

    // WHEN
    const own = c.make(chart, 'own');
    const sub = c.makeSubclass(chart, 'sub');
    const others = CASES.filter((o) => o !== c).map((o, i) => o.make(chart, `other-${i}`));

    // THEN
    expect([own, sub, ...others].map((x) => c.isX(x))).toEqual([true, true, false, false, false]);
    expect([own, sub, ...others].map((x) => x instanceof c.type)).toEqual([true, true, false, false, false]);
    expect([undefined, null, 'x', {}].map((x) => c.isX(x))).toEqual([false, false, false, false]);
  });

  test.each(CASES)('$name: isX and instanceof recognize an instance made by another copy of the library', (c) => {
    // GIVEN
    const other = fromAnotherCopy(c.name);

    // THEN
    expect(c.isX(other)).toBe(true);
    expect(other instanceof c.type).toBe(true);
  });

  test.each(CASES)('$name: a subclass keeps the ordinary instanceof (the base class instance is not one)', (c) => {
    // GIVEN
    const chart = new Chart(testApp(), 'test');
    const own = c.make(chart, 'own');
    const sub = c.makeSubclass(chart, 'sub');

    // THEN
    const subclass = sub.constructor as abstract new (...args: any[]) => unknown;
    expect([own instanceof subclass, sub instanceof subclass, fromAnotherCopy(c.name) instanceof subclass]).toEqual([false, true, false]);
  });

  test.each(CASES)('$name: the IServiceReference getters name its Service', (c) => {
    // GIVEN
    const chart = new Chart(testApp(), 'test', { namespace: 'production' });

    // WHEN
    const ref = c.make(chart, 'own');

    // THEN
    expect(ref.serviceNamespace).toBe('production');
    expect(ref.serviceFqdn).toBe(`${ref.serviceName}.production.svc.cluster.local`);
    expect(ref.serviceName).toMatch(/^own(-headless)?$/);
  });
});
