import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { webhookServiceMissing } from '../../../src/checks/rules/webhook-service-missing';
import { webhookServicePortMissing } from '../../../src/checks/rules/webhook-service-port-missing';
import { checkFolder } from '../builders';

describe('webhook Services in kustomize builds', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-kustomize-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }

  const files = `apiVersion: v1
kind: Service
metadata: {name: webhook-service, namespace: system}
spec: {selector: {app: manager}, ports: [{port: 443, targetPort: 9443}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: manager, namespace: system}
spec:
  selector: {matchLabels: {app: manager}}
  template:
    metadata: {labels: {app: manager}}
    spec: {containers: [{name: manager, image: manager, ports: [{containerPort: 9443}]}]}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: validating}
webhooks:
- name: v.example.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: webhook-service, namespace: system, path: /validate}}
- name: w.example.io
  admissionReviewVersions: [v1]
  sideEffects: None
  clientConfig: {service: {name: other-service, namespace: project-system}}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v1.example.io}
spec: {group: example.io, version: v1, groupPriorityMinimum: 100, versionPriority: 100, service: {name: webhook-service, namespace: system}}
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: v2.example.io}
spec: {group: example.io, version: v2, groupPriorityMinimum: 100, versionPriority: 100, service: {name: elsewhere, namespace: system}}
`;

  test('a build with a namespace points the references at its Service and leaves a webhook to another Service as written', () => {
    // kubectl kustomize (v5.5.0) of this folder: the first webhook and v1.example.io name webhook-service in
    // project-system; the second webhook keeps other-service/project-system; v2.example.io names elsewhere/project-system
    write('kustomization.yaml', 'namespace: project-system\nresources:\n- manifests.yaml\n');
    write('manifests.yaml', files);
    const found = checkFolder(dir, [webhookServiceMissing, webhookServicePortMissing]).filter((f) => f.rule !== 'input-skipped');
    expect(found).toEqual([expect.objectContaining({ rule: 'webhook-service-missing', level: 'error', resource: 'ValidatingWebhookConfiguration//validating' })]);
    expect(found[0].message).toMatch(/^ValidatingWebhookConfiguration "validating" webhooks\[1\]\.clientConfig\.service names Service "other-service" in namespace "project-system", but there is no Service/);
  });

  test('a reference to a Service of the build is judged against that Service, in the namespace the build gives it', () => {
    // kubectl kustomize (v5.5.0): the webhook calls port 8443 of webhook-service in project-system, which has port 443 only
    write('kustomization.yaml', 'namespace: project-system\nresources:\n- manifests.yaml\n');
    write('manifests.yaml', files.replace('namespace: system, path: /validate}', 'namespace: system, path: /validate, port: 8443}'));
    const found = checkFolder(dir, [webhookServicePortMissing]).filter((f) => f.rule !== 'input-skipped');
    expect(found).toEqual([expect.objectContaining({ rule: 'webhook-service-port-missing', level: 'error', resource: 'ValidatingWebhookConfiguration//validating' })]);
    expect(found[0].message).toMatch(/^ValidatingWebhookConfiguration "validating" webhooks\[0\]\.clientConfig\.service calls port 8443 of Service "webhook-service" in namespace "project-system", which has no such port \(ports: 443\)/);
  });

  test('a build with a namePrefix is not judged', () => {
    // kubectl kustomize (v5.5.0) renames webhook-service to p-webhook-service in both references
    write('kustomization.yaml', 'namePrefix: p-\nnamespace: project-system\nresources:\n- manifests.yaml\n');
    write('manifests.yaml', files);
    expect(checkFolder(dir, [webhookServiceMissing, webhookServicePortMissing]).filter((f) => f.rule !== 'input-skipped')).toEqual([]);
  });
});
