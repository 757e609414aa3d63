// The public, jsii-visible surface of cdk8s-service-discovery: only `export *` lines.
export * from './service-port';
export * from './service-reference';
export * from './external-dependency';
export * from './container-options';
export * from './stateful-storage';
export * from './headless-stateful-set';
export * from './ip-family';
export * from './endpoints-mode';
export * from './session-affinity';
export * from './selectorless-ip-service-options';
export * from './selectorless-ip-service';
export * from './dns/cluster-dns';
export * from './migration-phase';
export * from './migrating-database-options';
export * from './migrating-database';
export * from './checks/service-checker';
export * from './plugin/service-discovery-validation';
