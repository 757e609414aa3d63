import { onFixture } from './entry-fixtures';

/** The whole pack on the entry-point fixtures: the broken entry points are flagged by the right rule, the others stay clean. */
describe('entry points with every rule', () => {
  test.each([
    ['kube-score\'s Ingress fixtures', 'kube-score-ingress.yaml', [
      ['ingress-backend-missing', 'Ingress/testspace/app-ingress'],
      ['ingress-backend-port-missing', 'Ingress/testspace/app-ingress'],
      ['api-version-removed', 'Ingress/testspace/old-ingress'], // the extensions/v1beta1 one: only its version
    ]],
    ['ingress-nginx\'s default backend example', 'ingress-nginx-default-backend.yaml', [
      ['ingress-backend-missing', 'Ingress/default/broken'],
      ['ingress-backend-port-missing', 'Ingress/default/broken'],
    ]],
    ['Argo CD\'s Ingress with a named port', 'argocd-ingress.yaml', []],
    ['Knative\'s Ingress and a Traefik IngressRoute', 'not-ingress.yaml', []],
    ['HTTPRoute, GRPCRoute and TCPRoute with a ReferenceGrant', 'gateway-routes.yaml', [
      ['route-backend-port-missing', 'GRPCRoute/apps/grpc-echo'],
      ['route-backend-not-permitted', 'HTTPRoute/site/site'],
      ['route-backend-port-missing', 'TCPRoute/apps/db'],
    ]],
  ])('%s', (_case, file, expected) => {
    const onEntryPoints = onFixture(file).filter((f) => /^(Ingress|\w+Route)\//.test(f.resource));
    expect(onEntryPoints.map((f) => [f.rule, f.resource])).toEqual(expected);
  });

  test('Knative\'s and Traefik\'s objects give no finding at all', () => {
    expect(onFixture('not-ingress.yaml')).toEqual([]);
  });
});
