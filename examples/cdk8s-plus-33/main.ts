// Synthesizes the app that uses cdk8s-plus-33 next to this library (see app.ts): cdk8s synth -> dist/shop.k8s.yaml.
import { App } from 'cdk8s';
import { ShopChart } from './app';

const app = new App();
new ShopChart(app, 'shop');
app.synth();
