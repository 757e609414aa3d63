import { ciliumGlobalService, clustersetService, linkerdMirrorOutput } from '../../../src/checks/lib/multicluster';
import { ClusterModel } from '../../../src/model/cluster-model';
import { service } from '../builders';

const record = (spec: object, meta: object) => ClusterModel.fromObjects([service('rebel-base', spec, meta)]).services()[0];

describe('lib/multicluster', () => {
  test.each<[string, string, { service: string; namespace: string } | undefined]>([
    ['a Service of the clusterset zone', 'cart.shop.svc.clusterset.local', { service: 'cart', namespace: 'shop' }],
    ['an absolute name in capitals', 'Cart.Shop.svc.ClusterSet.local.', { service: 'cart', namespace: 'shop' }],
    ['a pod of a headless ServiceImport', 'web-0.cluster-a.web.shop.svc.clusterset.local', { service: 'web', namespace: 'shop' }],
    ['a cluster-local name', 'cart.shop.svc.cluster.local', undefined],
    ['a name with three labels before svc', 'x.cart.shop.svc.clusterset.local', undefined],
    ['the zone itself', 'svc.clusterset.local', undefined],
  ])('clustersetService reads %s', (_, host, expected) => {
    expect(clustersetService(host)).toEqual(expected);
  });

  test.each<[string, object, object, boolean]>([
    ['service.cilium.io/global', {}, { annotations: { 'service.cilium.io/global': 'true' } }, true],
    ['the older io.cilium/global-service', {}, { annotations: { 'io.cilium/global-service': 'True' } }, true],
    ['a global annotation set to false', {}, { annotations: { 'service.cilium.io/global': 'false' } }, false],
    ['a headless global Service (CoreDNS reads local slices only)', { clusterIP: 'None' }, { annotations: { 'service.cilium.io/global': 'true' } }, false],
    ['no annotation', {}, {}, false],
  ])('ciliumGlobalService with %s', (_, spec, meta, expected) => {
    expect(ciliumGlobalService(record(spec, meta))).toBe(expected);
  });

  test.each<[string, object, boolean]>([
    ['a mirrored Service', { 'mirror.linkerd.io/mirrored-service': 'true' }, true],
    ['the gateway probe Service', { 'mirror.linkerd.io/mirrored-gateway': 'true' }, true],
    ['an exported Service of this cluster', { 'mirror.linkerd.io/exported': 'true' }, false],
  ])('linkerdMirrorOutput for %s', (_, labels, expected) => {
    expect(linkerdMirrorOutput(record({}, { labels }))).toBe(expected);
  });
});
