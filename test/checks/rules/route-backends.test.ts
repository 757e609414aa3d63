import { backendExternalName } from '../../../src/checks/rules/backend-externalname';
import { routeBackendMissing } from '../../../src/checks/rules/route-backend-missing';
import { routeBackendNotPermitted } from '../../../src/checks/rules/route-backend-not-permitted';
import { routeBackendPortMissing } from '../../../src/checks/rules/route-backend-port-missing';
import { onFixture } from '../entry-fixtures';

/** The three route rules on the Gateway API fixture: each finding on the right route, the correct references clean. */
describe('route backend rules on the Gateway API fixture', () => {
  test.each([
    ['route-backend-not-permitted', routeBackendNotPermitted, [['HTTPRoute/site/site', /^HTTPRoute "site" spec\.rules\[1\]\.backendRefs\[0\] names Service "billing" in namespace "billing", but no ReferenceGrant in namespace "billing" allows HTTPRoutes of namespace "site" to reference it, so the route's ResolvedRefs condition is False \(RefNotPermitted\)/]]],
    ['route-backend-port-missing', routeBackendPortMissing, [
      ['GRPCRoute/apps/grpc-echo', /^GRPCRoute "grpc-echo" spec\.rules\[1\]\.backendRefs\[0\] names Service "grpc-legacy" without a port, and the API server rejects the route/],
      ['TCPRoute/apps/db', /^TCPRoute "db" spec\.rules\[0\]\.backendRefs\[0\] names port 5433 of Service "postgres" in namespace "apps", which declares no such port \(ports: 5432 "pg"\)/],
    ]],
    ['route-backend-missing', routeBackendMissing, []],
    ['backend-externalname', backendExternalName, []],
  ])('%s', (_id, rule, expected) => {
    const found = onFixture('gateway-routes.yaml', [rule]);
    expect(found.map((f) => [f.rule, f.level, f.resource])).toEqual(expected.map(([resource]) => [rule.id, rule.level, resource]));
    found.forEach((f, i) => expect(f.message).toMatch(expected[i][1] as RegExp));
  });
});
