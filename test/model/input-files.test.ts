// What input-files.ts reads: a regular file in one read of its size, and KeptTexts, which hands the load a text that
// was read before it (by the GitOps and kustomize look-ups) instead of reading the file again.
import * as fs from 'fs';
import * as path from 'path';
import { tempDirEach } from './file-tree';
import { InputTooLargeError, ManifestError } from '../../src/model/documents';
import { KeptTexts, readInputFile } from '../../src/model/input-files';

let dir = '';
tempDirEach('cdk8s-dns-input-files-', (d) => { dir = d; });

describe('readInputFile', () => {
  test('reads a regular file of any size whole, multi-byte characters included', () => {
    const file = path.join(dir, 'big.yaml');
    const text = 'ä€𝄞 '.repeat(100_000); // 1 MB of 2-, 3- and 4-byte characters: more than the reads' first 64 KiB
    fs.writeFileSync(file, text);
    expect(readInputFile(file, 10 * 1024 * 1024)).toBe(text);
  });

  test('an empty file is the empty text', () => {
    const file = path.join(dir, 'empty.yaml');
    fs.writeFileSync(file, '');
    expect(readInputFile(file, 10)).toBe('');
  });

  test('a file one byte over the limit is an error naming it and the limit', () => {
    const file = path.join(dir, 'over.yaml');
    fs.writeFileSync(file, 'x'.repeat(11));
    expect(() => readInputFile(file, 10)).toThrow(`${file} is larger than 10 bytes, the most one input may hold (CDK8S_DNS_MAX_FILE_BYTES changes the limit)`);
    expect(readInputFile(file, 11)).toBe('x'.repeat(11));
  });

  test('a file over the limit is an InputTooLargeError; another read error is not (the GitOps look-up tells them apart)', () => {
    const file = path.join(dir, 'over.yaml');
    fs.writeFileSync(file, 'x'.repeat(11));
    expect(() => readInputFile(file, 10)).toThrow(InputTooLargeError);
    const missing = path.join(dir, 'missing.yaml');
    expect(() => readInputFile(missing, 10)).toThrow(ManifestError);
    expect(() => readInputFile(missing, 10)).not.toThrow(InputTooLargeError);
  });
});

describe('KeptTexts', () => {
  test('take gives the text read before once, then the file as it is now', () => {
    const file = path.join(dir, 'a.yaml');
    fs.writeFileSync(file, 'kind: A\n');
    const kept = new KeptTexts(1000);
    expect(kept.read(file, 100)).toBe('kind: A\n');
    fs.writeFileSync(file, 'kind: B\n');
    expect(kept.take(file)).toBe('kind: A\n'); // not read again
    expect(kept.take(file)).toBe('kind: B\n'); // forgotten after one take
  });

  test('a file never read is read by take within the load limit', () => {
    const file = path.join(dir, 'b.yaml');
    fs.writeFileSync(file, 'x'.repeat(20));
    const kept = new KeptTexts(10);
    expect(() => kept.take(file)).toThrow(`${file} is larger than 10 bytes`);
  });

  test('a text read within a larger limit than the load\'s is not kept: the load reads (and refuses) the file itself', () => {
    const file = path.join(dir, 'c.yaml');
    fs.writeFileSync(file, 'x'.repeat(20));
    const kept = new KeptTexts(10);
    expect(kept.read(file, 100)).toBe('x'.repeat(20));
    expect(() => kept.take(file)).toThrow(`${file} is larger than 10 bytes`);
  });

  test('a text read within a larger limit than the load\'s that the load would take is kept (the GitOps look-up reads within its own)', () => {
    const file = path.join(dir, 'e.yaml');
    fs.writeFileSync(file, 'ä'.repeat(5)); // 10 bytes, 5 characters
    const kept = new KeptTexts(10);
    expect(kept.read(file, 100)).toBe('ä'.repeat(5));
    fs.writeFileSync(file, 'kind: E\n');
    expect(kept.take(file)).toBe('ä'.repeat(5)); // not read again
  });

  test('a read error is thrown as readInputFile throws it, and nothing is kept', () => {
    const kept = new KeptTexts(100);
    const missing = path.join(dir, 'missing.yaml');
    expect(() => kept.read(missing, 100)).toThrow(`${missing}: cannot read file`);
    fs.writeFileSync(missing, 'kind: C\n');
    expect(kept.take(missing)).toBe('kind: C\n');
  });
});
