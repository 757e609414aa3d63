// The ports a `_port._proto` question names (dns-rules 21, 48): the same ports as CoreDNS matchPortAndProtocol picks,
// found by a look-up once a list is indexed (counted, not timed).
import { matchPort, NamedPort, PortIndex, PortQuestion } from '../../src/dns/port-index';

const PORTS: NamedPort[] = [
  { name: 'http', protocol: 'TCP' },
  { name: 'HTTP', protocol: 'UDP' },
  { name: 'dns', protocol: 'UDP' },
  { name: 'dns', protocol: 'TCP' },
  { name: '', protocol: 'TCP' },
  { name: 'a:b', protocol: 'TCP' },
  { name: 'a', protocol: 'b:TCP' },
];

describe('PortIndex.matching', () => {
  test.each<[string, PortQuestion]>([
    ['both labels, any case', { port: 'HTTP', protocol: 'tcp' }],
    ['a name two ports share by case', { port: 'http', protocol: 'udp' }],
    ['a name of no port', { port: 'nope', protocol: 'tcp' }],
    ['no labels (any port)', {}],
    ['an empty name (any name)', { port: '', protocol: 'udp' }],
    ['an empty protocol (any protocol)', { port: 'dns', protocol: '' }],
    ['labels that only a joined key would confuse', { port: 'a', protocol: 'b:tcp' }],
  ])('%s: the ports matchPort accepts, in order', (_case, r) => {
    const index = new PortIndex();
    const expected = PORTS.filter((p) => matchPort(r, p.name, p.protocol));
    expect(index.matching(PORTS, r)).toEqual(expected);
    expect(index.matching(PORTS, r)).toEqual(expected); // from the index the second time
  });

  test('questions about a list of 20,000 named ports read each name once, not once per question', () => {
    let reads = 0;
    const ports = Array.from({ length: 20_000 }, (_, i) => ({
      get name() {
        reads++;
        return `p${i}`;
      },
      protocol: 'TCP',
    }));
    const index = new PortIndex();
    for (let i = 0; i < 20_000; i += 7) expect(index.matching(ports, { port: `p${i}`, protocol: 'tcp' })).toEqual([ports[i]]);
    expect(reads).toBe(20_000);
  });
});
