/**
 * The ports of probes and lifecycle hooks as the API server judges them (validation/probe-ports.ts), reported by
 * container-port-invalid: a number 1-65535, or (not for gRPC) an IANA_SVC_NAME; table-driven.
 */
import { containerPortInvalid } from '../../../src/checks/rules/container-port-invalid';
import { deployment, messages, run } from '../builders';

type Obj = { [key: string]: any };

const web = (handlers: Obj) => deployment('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }], handlers);
const httpGet = (port?: unknown) => ({ httpGet: port === undefined ? { path: '/' } : { path: '/', port } });
const tcpSocket = (port: unknown) => ({ tcpSocket: { port } });
const pod = (spec: Obj) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('container-port-invalid on probe and hook ports', () => {
  test.each<[string, Obj]>([
    ['a port name and the numbers 1 and 65535', web({ readinessProbe: httpGet('http'), livenessProbe: tcpSocket(1), startupProbe: tcpSocket(65535) })],
    ['an undeclared 15-character name (probe-port-undeclared\'s business)', web({ readinessProbe: httpGet('a23456789012345') })],
    ['a gRPC port number', web({ readinessProbe: { grpc: { port: 9090 } } })],
    ['hooks with a name and a number', web({ lifecycle: { postStart: httpGet('http'), preStop: tcpSocket(8080) } })],
    ['a Helm template expression', web({ readinessProbe: httpGet('{{ .Values.port }}'), livenessProbe: { grpc: { port: '{{ .Values.grpc }}' } } })],
    ['a probe of a completing init container (not validated: the API server forbids the probe itself)', pod({ initContainers: [{ name: 'i', readinessProbe: httpGet('Bad_Name') }], containers: [{ name: 'a' }] })],
    ['an exec probe and a probe without handler fields', web({ readinessProbe: { exec: { command: ['true'] } }, livenessProbe: { periodSeconds: 5 } })],
  ])('reports nothing for %s', (_, object) => {
    expect(messages(containerPortInvalid, [object])).toEqual([]);
  });

  test.each<[string, Obj, RegExp]>([
    ['a quoted number (read as a port name)', web({ readinessProbe: httpGet('8080') }),
      /^Deployment "web" is invalid: spec.template.spec.containers\[0\].readinessProbe.httpGet.port: Invalid value: "8080": must contain at least one letter \(a-z\) \(the API server rejects it\)\. Fix: write the port number without quotes \(a quoted number is read as a port name\)\.$/],
    ['a name of 16 characters', web({ livenessProbe: tcpSocket('a234567890123456') }), /containers\[0\].livenessProbe.tcpSocket.port: Invalid value: "a234567890123456": must be no more than 15 characters.*Fix: use the name of one of the container's ports/],
    ['a name with an underscore', web({ startupProbe: httpGet('http_port') }), /startupProbe.httpGet.port: Invalid value: "http_port": must contain only alpha-numeric characters/],
    ['a port of 0', web({ readinessProbe: tcpSocket(0) }), /readinessProbe.tcpSocket.port: Invalid value: 0: must be between 1 and 65535, inclusive/],
    ['a port of 65536', web({ lifecycle: { postStart: httpGet(65536) } }), /lifecycle.postStart.httpGet.port: Invalid value: 65536: must be between 1 and 65535, inclusive/],
    ['a missing port (read as 0)', web({ readinessProbe: httpGet() }), /readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive.*Fix: set port to the number the container listens on, or to the name of one of its ports/],
    ['a port of another type', web({ livenessProbe: tcpSocket(true) }), /livenessProbe.tcpSocket.port: Invalid value: true: must be a port number or a port name/],
    ['a gRPC port name', web({ readinessProbe: { grpc: { port: 'grpc' } } }), /readinessProbe.grpc.port: Invalid value: "grpc": must be a number: a gRPC action takes no port name.*Fix: set port to the number the gRPC server listens on\.$/],
    ['a quoted gRPC port number', web({ readinessProbe: { grpc: { port: '9090' } } }), /grpc.port: Invalid value: "9090": must be a number.*Fix: write the port number without quotes\.$/],
    ['a tcpSocket preStop hook with a bad name (validated, though the kubelet runs none)', web({ lifecycle: { preStop: tcpSocket('Admin') } }), /lifecycle.preStop.tcpSocket.port: Invalid value: "Admin"/],
    ['a native sidecar\'s probe', pod({ initContainers: [{ name: 'proxy', restartPolicy: 'Always', readinessProbe: httpGet('8080') }], containers: [{ name: 'a' }] }),
      /^Pod "p" is invalid: spec.initContainers\[0\].readinessProbe.httpGet.port: Invalid value: "8080"/],
  ])('reports %s', (_, object, message) => {
    const found = messages(containerPortInvalid, [object]);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  test('names a variable placeholder in an info instead of judging it', () => {
    const found = run(containerPortInvalid, [web({ readinessProbe: httpGet('${PORT_NAME}') })]);
    expect(found).toEqual([expect.objectContaining({ level: 'info' })]);
    expect(found[0].message).toMatch(/readinessProbe.httpGet.port holds variable placeholders \("\$\{PORT_NAME\}"\)/);
  });
});
