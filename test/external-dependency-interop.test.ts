import { Chart, Testing } from 'cdk8s';
import { testApp } from './test-app';
import { ExternalDependency } from '../src/external-dependency';
import { SelectorlessIpService } from '../src/selectorless-ip-service';

describe('ExternalDependency with the library\'s other constructs', () => {
  test('aliases a SelectorlessIpService in another namespace by typed reference', () => {
    // GIVEN
    const app = testApp();
    const infra = new Chart(app, 'infra', { namespace: 'shared-infra' });
    const team = new Chart(app, 'team', { namespace: 'app-team-a' });
    const api = new SelectorlessIpService(infra, 'legacy-api', {
      addresses: ['203.0.113.10', '203.0.113.11'],
      ports: [{ name: 'https', port: 443 }],
    });

    // WHEN
    const alias = new ExternalDependency(team, 'legacy-api', { targetService: api });

    // THEN
    const [svc] = Testing.synth(team);
    expect(svc.spec).toEqual({ type: 'ExternalName', externalName: 'legacy-api.shared-infra.svc.cluster.local' });
    expect(alias.externalName).toBe(api.serviceFqdn);
    expect(alias.fqdn).toBe('legacy-api.app-team-a.svc.cluster.local');
  });

  test('can be the target of another alias (a CNAME chain) whose TLS name is the external host', () => {
    // GIVEN
    const app = testApp();
    const prod = new Chart(app, 'prod', { namespace: 'production' });
    const team = new Chart(app, 'team', { namespace: 'app-team-a' });
    const db = new ExternalDependency(prod, 'database', { externalName: 'prod-db.abc123.us-east-1.rds.amazonaws.com' });

    // WHEN
    const alias = new ExternalDependency(team, 'db', { targetService: db });

    // THEN
    expect(alias.externalName).toBe('database.production.svc.cluster.local');
    expect(alias.tlsServerName).toBe('prod-db.abc123.us-east-1.rds.amazonaws.com');
  });
});
