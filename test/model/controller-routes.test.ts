import { emissaryResolvesInOwnNamespace } from '../../src/model/controller-routes';
import { entryBackendsOf } from '../../src/model/entry-points';
import type { NamespacedObject } from '../../src/model/pods';
import { ambassadorModule, mapping } from '../checks/controller-routes';

const obj = (object: any, namespace = 'default'): NamespacedObject => ({ object, namespace } as NamespacedObject);

describe('emissaryResolvesInOwnNamespace', () => {
  test.each([
    ['the ambassador Module set to true', [ambassadorModule(true)], true],
    ['the ambassador Module set to the string "true"', [{ ...ambassadorModule(true), spec: { config: { use_ambassador_namespace_for_service_resolution: 'true' } } }], true],
    ['the ambassador Module set to false', [ambassadorModule(false)], false],
    ['a Module of another name', [{ ...ambassadorModule(true), metadata: { name: 'tls' } }], false],
    ['a Module of another group', [{ ...ambassadorModule(true), apiVersion: 'example.com/v1' }], false],
    ['no Module', [mapping('quote')], false],
  ])('%s', (_case, objects, expected) => {
    expect(emissaryResolvesInOwnNamespace(objects.map((o) => obj(o)))).toBe(expected);
  });
});

describe('entryBackendsOf: Emissary Mappings', () => {
  test.each([
    ['a bare name is a Service of the Mapping\'s namespace', [mapping('quote:80')], [{ namespace: 'default', service: 'quote', port: 80 }]],
    ['a bare name is not read beside a Module that resolves it in Emissary\'s namespace', [ambassadorModule(true), mapping('quote:80')], []],
    ['name.namespace is read beside that Module', [ambassadorModule(true), mapping('quote.shop:80')], [{ namespace: 'shop', service: 'quote', port: 80 }]],
  ])('%s', (_case, objects, expected) => {
    const refs = entryBackendsOf(objects.map((o) => obj(o)));
    expect(refs.map(({ namespace, service, port }) => ({ namespace, service, port }))).toEqual(expected);
  });
});
