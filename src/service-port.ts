/**
 * Network protocol of a Service port.
 *
 * @see https://kubernetes.io/docs/reference/networking/service-protocols/
 */
export enum Protocol {
  /** TCP (the Kubernetes default). */
  TCP = 'TCP',
  /** UDP. */
  UDP = 'UDP',
  /** SCTP. */
  SCTP = 'SCTP',
}

/**
 * A port of a Service this library synthesizes.
 */
export interface ServicePort {
  /**
   * The port the Service exposes (1-65535).
   */
  readonly port: number;

  /**
   * The port name: a DNS-1123 label, required and unique when the Service has more than one port. Endpoint ports,
   * SRV records (`_<name>._<protocol>.<service>...`) and named targetPorts refer to it.
   *
   * @default - unnamed (allowed only when the Service has a single port)
   */
  readonly name?: string;

  /**
   * The protocol.
   *
   * @default Protocol.TCP
   */
  readonly protocol?: Protocol;

  /**
   * The port on the backends that traffic is sent to (1-65535).
   *
   * @default - the same as `port`
   */
  readonly targetPort?: number;

  /**
   * The application protocol (a qualified name such as `http`, `kubernetes.io/h2c` or `example.com/proto`),
   * copied to endpoint ports.
   *
   * @default - none
   */
  readonly appProtocol?: string;
}
