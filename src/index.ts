// The public, jsii-visible surface of cdk8s-service-discovery: only `export *` lines.
export * from './service-port';
export * from './service-reference';
export * from './external-dependency';
