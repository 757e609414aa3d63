import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Resolver } from '../../src/dns/resolver';
import { ResolverConfig } from '../../src/dns/types';
import { ClusterModel, ClusterModelOptions } from '../../src/model/cluster-model';

/** Objects of a YAML text. */
export function objectsOf(text: string): any[] {
  const out: any[] = [];
  yaml.loadAll(text, (d) => {
    if (d) out.push(d);
  });
  return out;
}

/** Objects of a fixture under test/fixtures/dns. */
export function fixture(name: string): any[] {
  return objectsOf(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'dns', name), 'utf8'));
}

/** A resolver over objects. */
export function resolverOf(objects: any[], options: ClusterModelOptions = {}, config: ResolverConfig = {}): Resolver {
  return new Resolver(ClusterModel.fromObjects(objects, options), config);
}

/** The short form tests compare: rcode and sorted `TYPE data` answers ("NODATA" = NOERROR without answers). */
export interface Short {
  readonly rcode: 'NOERROR' | 'NXDOMAIN' | 'NODATA';
  readonly answers: string[];
}

export function ask(resolver: Resolver, name: string, type = 'A'): Short {
  const r = resolver.resolve(name, type);
  const rcode = r.rcode === 'NOERROR' && r.answers.length === 0 ? 'NODATA' : r.rcode;
  return { rcode, answers: r.answers.map((a) => `${a.type} ${a.data}`).sort() };
}

export const NX: Short = { rcode: 'NXDOMAIN', answers: [] };
export const NODATA: Short = { rcode: 'NODATA', answers: [] };
export function ok(...answers: string[]): Short {
  return { rcode: 'NOERROR', answers: [...answers].sort() };
}
