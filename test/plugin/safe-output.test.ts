/**
 * cdk8s-cli prints the plugin's violations on a terminal: names and values from the manifests are escaped there too.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { ServiceDiscoveryValidation } from '../../src/plugin/service-discovery-validation';

test('a Service name with ESC and BEL is escaped in the violations cdk8s-cli prints', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-plugin-safe-'));
  try {
    const file = path.join(dir, 'x.k8s.yaml');
    fs.writeFileSync(file, 'apiVersion: v1\nkind: Service\nmetadata: {name: "x\\e]0;pwned\\a", namespace: prod}\nspec: {type: ExternalName, externalName: 10.0.0.5}\n');
    const context = new ValidationContext([file], 'p', '0.0.0');
    await new ServiceDiscoveryValidation().validate(context);
    const violations = context.report.toJson().violations;
    const printed: string[] = violations.flatMap((v: any) => v.violatingConstructs.flatMap((c: any) => [c.resourceName, ...c.locations]));
    expect(printed.length).toBeGreaterThan(0);
    for (const line of printed) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(printed.some((line) => line.includes('x\\u001b]0;pwned\\u0007'))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
