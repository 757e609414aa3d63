/**
 * Options of the client-facing ClusterIP Service of a HeadlessStatefulSet.
 */
export interface ClientServiceOptions {
  /**
   * The Service name (a DNS-1035 label).
   *
   * @default - the StatefulSet's name
   */
  readonly name?: string;
}

/**
 * Options of `HeadlessStatefulSet.joinPeerAddresses`.
 */
export interface PeerAddressOptions {
  /**
   * The container port whose number follows each host name.
   *
   * @default - the first port
   */
  readonly portName?: string;

  /**
   * The text between two addresses.
   *
   * @default ","
   */
  readonly separator?: string;

  /**
   * How each peer is written. Placeholders: `{host}` (the pod's DNS name), `{port}` (the port number), `{pod}` (the
   * pod name), `{ordinal}` and `{ordinalPlusOne}` (for 1-based ids such as ZooKeeper's). Examples:
   * Kafka `controller.quorum.voters`: `"{ordinal}@{host}:{port}"`; etcd `--initial-cluster`:
   * `"{pod}=http://{host}:{port}"`; ZooKeeper `ZOO_SERVERS` (separator " "):
   * `"server.{ordinalPlusOne}={host}:2888:3888;2181"`.
   *
   * @default "{host}:{port}"
   */
  readonly format?: string;
}
