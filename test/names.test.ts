import { DEFAULT_CLUSTER_DOMAIN } from '../src/names';

test('the default cluster domain is cluster.local', () => {
  expect(DEFAULT_CLUSTER_DOMAIN).toBe('cluster.local');
});
