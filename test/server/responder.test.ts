import { clusterObjects, decode, headless, query } from './helpers';
import { Resolver } from '../../src/dns/resolver';
import { ClusterModel } from '../../src/model/cluster-model';
import { Responder, ResponderOptions } from '../../src/server/responder';

function responder(objects: any[] = clusterObjects(), options: ResponderOptions = {}): Responder {
  const model = ClusterModel.fromObjects(objects);
  return new Responder(new Resolver(model), model.options.clusterDomain, options);
}

describe('Responder', () => {
  test('one cached answer serves every spelling, each echoed as asked (dns-rules 4)', () => {
    const r = responder();
    for (const name of ['database.production.svc.cluster.local', 'DATABASE.production.SVC.cluster.local', 'dAtAbAsE.PrOdUcTiOn.sVc.ClUsTeR.lOcAl']) {
      const reply = decode(r.respond(query(name), 'udp')!);
      expect(reply.questions[0].name).toBe(name);
      expect(reply.answers.map((a: any) => `${a.name} ${a.data}`)).toEqual([`${name} 10.96.0.10`]);
    }
  });

  test('the same name with another type is another answer', () => {
    const r = responder();
    expect(decode(r.respond(query('database.production.svc.cluster.local', 'A'), 'udp')!).answers).toHaveLength(1);
    expect(decode(r.respond(query('database.production.svc.cluster.local', 'AAAA'), 'udp')!)).toMatchObject({ rcode: 'NOERROR', answers: [] });
  });

  test('a tiny cache still answers correctly (emptied when full)', () => {
    const r = responder(undefined, { cacheSize: 2 });
    for (let round = 0; round < 3; round++) {
      for (const [name, rcode] of [['database', 'NOERROR'], ['nope', 'NXDOMAIN'], ['web', 'NOERROR'], ['payments', 'NOERROR']]) {
        expect(decode(r.respond(query(`${name}.production.svc.cluster.local`), 'udp')!).rcode).toBe(rcode);
      }
      expect(decode(r.respond(query('example.org'), 'udp')!).rcode).toBe('REFUSED');
    }
  });

  test('answers SERVFAIL when a record cannot go on the wire (a 64-byte label in an externalName)', () => {
    const r = responder([{
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'long', namespace: 'default' },
      spec: { type: 'ExternalName', externalName: `${'a'.repeat(64)}.example.com` },
    }]);
    expect(decode(r.respond(query('long.default.svc.cluster.local', 'CNAME'), 'udp')!)).toMatchObject({ rcode: 'SERVFAIL', answers: [] });
  });

  test.each([
    ['a label with a space', 'a b.production.svc.cluster.local', 'NXDOMAIN'],
    ['a label with a space outside the zones', 'a b.example.com', 'REFUSED'],
  ])('%s -> %s', (_case, name, rcode) => {
    const reply = decode(responder().respond(query(name), 'udp')!);
    expect(reply.rcode).toBe(rcode);
    expect(reply.questions[0].name).toBe(name);
  });
});

describe('Responder: answers larger than a message', () => {
  // a headless Service of 5,000 endpoints: the resolver lists 4,096 A records (answer-bound.ts), 65,536 bytes of them
  const r = responder(headless('huge', 5000));
  const name = 'huge.production.svc.cluster.local';

  test('TCP keeps the answer records that fit in 65,535 bytes, with TC set', () => {
    const packet = r.respond(query(name), 'tcp')!;
    const reply = decode(packet);
    expect(packet.length).toBeLessThanOrEqual(65535);
    expect(reply.flag_tc).toBe(true);
    // 12 header + 39 question bytes, then 16 a record
    expect(reply.answers).toHaveLength(Math.floor((65535 - 12 - 39) / 16));
    expect(reply.answers[0]).toMatchObject({ name, type: 'A', data: '10.1.0.1' });
  });

  test('UDP is TC without records, as before (the client asks again over TCP)', () => {
    const reply = decode(r.respond(query(name, 'A', { edns: 1232 }), 'udp')!);
    expect(reply.flag_tc).toBe(true);
    expect(reply.answers).toHaveLength(0);
  });
});
