/**
 * The numeric options of Responder and DnsServer.listen: an integer in range, or an error naming the option and the
 * value (NaN had turned the UDP size limit off; Infinity made every answer a SERVFAIL).
 */
import { clusterObjects, decode, headless, query } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Responder, ResponderOptions } from '../../src/server/responder';
import { DnsServer, DnsServerOptions } from '../../src/server/server';

function responder(options: ResponderOptions): Responder {
  const model = ClusterModel.fromObjects([...clusterObjects(), ...headless('wide', 100)]);
  return new Responder(new Resolver(model), model.options.clusterDomain, options);
}

describe('Responder maxUdpSize', () => {
  test.each<[string, unknown, string]>([
    ['NaN (every size compared below it: no truncation)', NaN, 'NaN'],
    ['Infinity (the OPT record could not be written: SERVFAIL)', Infinity, 'Infinity'],
    ['below 512', 100, '100'],
    ['above 65535', 1e9, '1000000000'],
    ['a fraction', 1232.5, '1232.5'],
    ['a string (named as one: it is not the number 1232)', '1232', 'the string "1232"'],
    ['null', null, 'null'],
    ['a list', [600], 'the list "[600]"'],
  ])('%s is an error naming the option', (_case, maxUdpSize, shown) => {
    expect(() => responder({ maxUdpSize: maxUdpSize as number }))
      .toThrow(`Responder option maxUdpSize must be an integer from 512 to 65,535 (got ${shown})`);
  });

  test('in range, it limits UDP answers (100 A records with EDNS 4096 and a limit of 600: TC)', () => {
    const reply = decode(responder({ maxUdpSize: 600 }).respond(query('wide.production.svc.cluster.local', 'A', { edns: 4096 }), 'udp')!);
    expect(reply.flag_tc).toBe(true);
  });
});

describe('DnsServer.listen options', () => {
  const model = ClusterModel.fromObjects(clusterObjects());
  const r = new Responder(new Resolver(model), model.options.clusterDomain);
  test.each<[string, DnsServerOptions, string]>([
    ['a port of NaN', { port: NaN }, 'DnsServer option port must be an integer from 0 to 65,535 (got NaN)'],
    ['a port of 70000', { port: 70000 }, 'DnsServer option port must be an integer from 0 to 65,535 (got 70000)'],
    ['an idle timeout of NaN (setTimeout would fire at once)', { port: 0, tcpIdleTimeoutMs: NaN }, 'DnsServer option tcpIdleTimeoutMs must be an integer from 1 to 2,147,483,647 (got NaN)'],
    ['a connection limit of NaN (no limit: every comparison with it is false)', { port: 0, maxTcpConnections: NaN }, 'DnsServer option maxTcpConnections must be an integer from 1 to 65,535 (got NaN)'],
  ])('%s is an error naming the option, before anything is bound', async (_case, options, message) => {
    await expect(DnsServer.listen(r, options)).rejects.toThrow(message);
  });
});
