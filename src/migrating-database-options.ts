/**
 * Where applications reach a MigratingDatabase: the values they connect with.
 */
export interface DatabaseConnection {
  /** The host to connect to: the stable Service's fully qualified name, the same in every phase. */
  readonly host: string;

  /** The port to connect to: the stable port, the same in every phase. */
  readonly port: number;

  /**
   * The name to verify the server certificate against (and send as SNI): the external host while the stable
   * name points outside, the stable Service's fully qualified name once it points at the in-cluster database.
   */
  readonly tlsServerName: string;
}

/**
 * Options of `MigratingDatabase.connectionEnv` and `MigratingDatabase.connectionEnvVariables`.
 */
export interface ConnectionEnvOptions {
  /**
   * The prefix of the variable names: `<prefix>_HOST`, `<prefix>_PORT`, `<prefix>_TLS_SERVER_NAME`. Letters,
   * digits and `_`, not starting with a digit.
   *
   * @default "DATABASE"
   */
  readonly prefix?: string;

  /**
   * Whether to include `<prefix>_TLS_SERVER_NAME`. It changes at the flip to INTERNAL (so the workloads that use it
   * are rolled out again); leave it out for clients that do not verify TLS host names.
   *
   * @default true
   */
  readonly includeTlsServerName?: boolean;
}
