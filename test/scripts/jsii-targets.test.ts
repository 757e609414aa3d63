import * as fs from 'fs';
import * as path from 'path';

// jsii-pacmak reads package.json's `jsii.targets`: an empty object means "JavaScript only" (issue 18).
describe('package.json jsii targets', () => {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8'));

  test.each([
    { language: 'python', target: { distName: 'cdk8s-service-discovery', module: 'cdk8s_service_discovery' } },
    {
      language: 'java',
      target: { package: 'com.example.cdk8s.servicediscovery', maven: { groupId: 'com.example', artifactId: 'cdk8s-service-discovery' } },
    },
    { language: 'dotnet', target: { namespace: 'Example.Cdk8s.ServiceDiscovery', packageId: 'Example.Cdk8s.ServiceDiscovery' } },
    { language: 'go', target: { moduleName: 'example.com/cdk8s-service-discovery-go', packageName: 'cdk8sservicediscovery' } },
  ])('$language', ({ language, target }) => {
    expect(pkg.jsii.targets[language]).toEqual(target);
  });
});
