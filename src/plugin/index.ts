// `package: ./path/to/lib/plugin` in cdk8s.yaml loads this module; the class is also exported from the package root.
export * from './service-discovery-validation';
