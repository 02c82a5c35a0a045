/**
 * Throw-away projects for tests, always under the OS temporary directory:
 * nothing a test does is ever written into this working tree.
 *
 * - `Fixture`: two tiny experiments that share one engine module, one that
 *   reads a data file, an MDX page and a figure module, run through the real
 *   `scripts/experiments.ts` CLI with --root.
 * - `ProjectCopy`: a copy of this project (tracked and untracked, not ignored
 *   files, plus the generated kernels) for tests that run the experiments and
 *   build the site.
 *
 * Both get a node_modules folder of their own whose entries are symlinks to
 * this repository's node_modules entries (scoped folders are real folders of
 * symlinks), so that packages resolve as here while caches that tools write
 * under node_modules (.astro, .vite) stay in the temporary project. Never
 * write through those symlinks: `Fixture.fakePackage` replaces one by a real
 * folder first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'node_modules', '.bin');
export const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
/** How long one experiments-CLI run in a test may take before it is killed and tried again (see cli()). */
const CLI_TIMEOUT_MS = 10 * 60_000;

/**
 * For Astro run from a test: without vitest's own variables (VITEST=true turns
 * `astro dev` into a server that answers 404) and without GitHub Pages' base.
 */
export const siteEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV')),
  FORCE_COLOR: '0',
  SITE_URL: '',
  SITE_BASE: '',
};

/** Caches that tools create under node_modules: never shared with this repository. */
const NOT_LINKED = new Set(['.astro', '.vite', '.cache', '.vitest']);

/** `<root>/node_modules` with one symlink per entry of this repository's node_modules. */
function linkNodeModules(root: string): void {
  const from = path.join(repoRoot, 'node_modules');
  const to = path.join(root, 'node_modules');
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (NOT_LINKED.has(entry.name)) continue;
    if (entry.name.startsWith('@') && entry.isDirectory()) {
      mkdirSync(path.join(to, entry.name));
      for (const pkg of readdirSync(path.join(from, entry.name))) symlinkSync(path.join(from, entry.name, pkg), path.join(to, entry.name, pkg));
    } else {
      symlinkSync(path.join(from, entry.name), path.join(to, entry.name));
    }
  }
}

/** Refuse a path that leads through a symlink into this repository's node_modules. */
function assertNotLinked(root: string, file: string): void {
  let dir = root;
  for (const part of path.relative(root, path.join(root, file)).split(path.sep).slice(0, -1)) {
    dir = path.join(dir, part);
    if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) {
      throw new Error(`fixture: ${file} would be written through the symlink ${path.relative(root, dir)} into ${repoRoot}: use fakePackage()`);
    }
  }
  const target = path.join(root, file);
  if (existsSync(target) && lstatSync(target).isSymbolicLink()) throw new Error(`fixture: ${file} is a symlink into ${repoRoot}: use fakePackage()`);
}

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
  'src/engine/shared.ts': `export function shared(x: number): number {\n  return 2 * x;\n}\n`,
  'src/engine/onlyAlpha.ts': `export function onlyAlpha(): number {\n  return 1;\n}\n`,
  'src/figures/alpha.ts': `export const figure = { columns: 1 };\n`,
  'content/page.mdx': `---\ntitle: Page\n---\n\nSome text.\n`,
  'data/points.txt': `1 2 3\n`,
  'experiments/alpha/experiment.ts': `import { z } from 'zod';
export const config = z.object({ widths: z.array(z.number().int().positive()), seed: z.number().int() }).strict();
export type Config = z.infer<typeof config>;
export default {
  id: 'alpha',
  title: 'Alpha',
  paper: 'test',
  config,
  profiles: {
    quick: { widths: [1, 2], seed: 1 },
    paper: { widths: [1, 2, 3], seed: 1 },
  },
  cells: (c: Config) => c.widths.map((width) => ({ id: 'width=' + width, seed: c.seed, params: { width } })),
  result: z.object({ value: z.number() }),
  dataFiles: () => ['data/points.txt'],
  figures: { 'alpha-fig': { title: 'Alpha figure', row: z.object({ mark: z.literal('dot'), width: z.number(), value: z.number() }).strict() } },
};
`,
  'experiments/alpha/run.ts': `import { readFileSync } from 'node:fs';
import { shared } from '../../src/engine/shared.js';
import { onlyAlpha } from '../../src/engine/onlyAlpha.js';
export function run(cell: { seed: number; params: { width: number } }) {
  const points = readFileSync(new URL('../../data/points.txt', import.meta.url), 'utf8').trim().split(' ').length;
  return { value: shared(cell.params.width) + onlyAlpha() + points + cell.seed };
}
`,
  'experiments/alpha/aggregate.ts': `export function aggregate({ cells }: { cells: { cell: { params: { width: number } }; result: { value: number } }[] }) {
  return { 'alpha-fig': { rows: cells.map(({ cell, result }) => ({ mark: 'dot', width: cell.params.width, value: result.value })) } };
}
`,
  'experiments/beta/experiment.ts': `import { z } from 'zod';
export const config = z.object({ n: z.number().int().positive(), seed: z.number().int() }).strict();
export default {
  id: 'beta',
  title: 'Beta',
  paper: 'test',
  config,
  profiles: { quick: { n: 2, seed: 5 }, paper: { n: 3, seed: 5 } },
  cells: (c: { n: number; seed: number }) => Array.from({ length: c.n }, (_, i) => ({ id: 'i=' + i, seed: c.seed + i, params: { i } })),
  result: z.object({ value: z.number() }),
  figures: { 'beta-fig': { title: 'Beta figure', row: z.object({ mark: z.literal('bar'), i: z.number(), value: z.number() }).strict() } },
};
`,
  'experiments/gamma/experiment.ts': `import { z } from 'zod';
export const config = z.object({ n: z.number().int().positive(), seed: z.number().int() }).strict();
export default {
  id: 'gamma',
  title: 'Gamma (uses TensorFlow.js)',
  paper: 'test',
  config,
  profiles: { quick: { n: 1, seed: 3 }, paper: { n: 2, seed: 3 } },
  cells: (c: { n: number; seed: number }) => Array.from({ length: c.n }, (_, i) => ({ id: 'j=' + i, seed: c.seed + i, params: { i } })),
  result: z.object({ value: z.number() }),
  figures: { 'gamma-fig': { title: 'Gamma figure', row: z.object({ mark: z.literal('dot'), value: z.number() }).strict() } },
};
`,
  'experiments/gamma/run.ts': `import * as tf from '@tensorflow/tfjs';
export function run(cell: { seed: number; params: { i: number } }) {
  return { value: tf.tidy(() => tf.sum(tf.tensor1d([cell.seed, cell.params.i])).dataSync()[0]) };
}
`,
  'experiments/gamma/aggregate.ts': `export function aggregate({ cells }: { cells: { result: { value: number } }[] }) {
  return { 'gamma-fig': { rows: cells.map(({ result }) => ({ mark: 'dot', value: result.value })) } };
}
`,
  'experiments/beta/run.ts': `import { shared } from '../../src/engine/shared.js';
export function run(cell: { seed: number; params: { i: number } }) {
  return { value: shared(cell.params.i) * cell.seed };
}
`,
  'experiments/beta/aggregate.ts': `export function aggregate({ cells }: { cells: { result: { value: number } }[] }) {
  return { 'beta-fig': { rows: cells.map(({ result }, i) => ({ mark: 'bar', i, value: result.value })) } };
}
`,
};

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
  json?: {
    ran: { experiment: string; cell: string; key: string }[];
    aggregated: { experiment: string }[];
    failed: unknown[];
    stale: string[];
  };
}

export class Fixture {
  readonly root: string;

  constructor() {
    this.root = mkdtempSync(path.join(tmpdir(), 'cc-fixture-'));
    for (const [file, text] of Object.entries(files)) this.write(file, text);
    linkNodeModules(this.root);
  }

  write(file: string, text: string): void {
    assertNotLinked(this.root, file);
    mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    writeFileSync(path.join(this.root, file), text);
  }

  /**
   * Install a fake package `name` at `version` in this project's node_modules
   * (replacing the symlink to the real one, if any, by a real folder), with
   * `files` (e.g. index.js) beside its package.json. Called again for the same
   * package, it rewrites package.json and the given files, keeping the others.
   */
  fakePackage(name: string, version: string, files: Record<string, string> = {}): void {
    const dir = path.join(this.root, 'node_modules', ...name.split('/'));
    if (name.startsWith('@')) {
      const scope = path.dirname(dir);
      if (existsSync(scope) && lstatSync(scope).isSymbolicLink()) throw new Error(`fixture: node_modules/${name.split('/')[0]} is a symlink`);
      mkdirSync(scope, { recursive: true });
    }
    if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) unlinkSync(dir);
    const all = { 'package.json': JSON.stringify({ name, version, type: 'module', main: 'index.js' }), ...files };
    for (const [file, text] of Object.entries(all)) this.write(path.join('node_modules', ...name.split('/'), file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  append(file: string, text: string): void {
    assertNotLinked(this.root, file);
    appendFileSync(path.join(this.root, file), text);
  }

  edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not in ${file}`);
    this.write(file, text.replace(from, to));
  }

  /** Run the experiments CLI on this project. */
  cli(args: string[], extraEnv: Record<string, string> = {}): CliResult {
    const spawn = () =>
      spawnSync('tsx', [path.join(repoRoot, 'scripts', 'experiments.ts'), '--root', this.root, '--no-progress', '--json', ...args], {
        cwd: repoRoot,
        env: { ...env, ...extraEnv },
        encoding: 'utf8',
        // a CLI run here takes seconds; one CI run hung for 15 min in a futex wait of the tsx child before it
        // ran anything (no loader thread left), so a run that outlives this is killed and tried once more
        timeout: CLI_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      });
    let r = spawn();
    if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      process.stderr.write(`experiments CLI ${args.join(' ')} in ${this.root}: no exit after ${CLI_TIMEOUT_MS / 1000} s, killed; running it again\n`);
      r = spawn();
    }
    const line = r.stdout.trim().split('\n').filter(Boolean).pop();
    let json: CliResult['json'];
    try {
      json = line ? JSON.parse(line) : undefined;
    } catch {
      json = undefined;
    }
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
  }

  /** "experiment/cell" of each cell the run trained, sorted. */
  ran(args: string[] = ['--profile', 'quick'], extraEnv: Record<string, string> = {}): string[] {
    const r = this.cli(args, extraEnv);
    if (r.status !== 0 || !r.json) throw new Error(`experiments CLI failed (${r.status}):\n${r.stderr}`);
    return r.json.ran.map((c) => `${c.experiment}/${c.cell}`).sort();
  }

  /** Every file under results/, with its bytes, for before/after comparisons. */
  storeSnapshot(): Record<string, string> {
    const dir = path.join(this.root, 'results');
    const out: Record<string, string> = {};
    let names: string[] = [];
    try {
      names = readdirSync(dir, { recursive: true }) as string[];
    } catch {
      return out;
    }
    for (const name of names) {
      try {
        out[name] = readFileSync(path.join(dir, name), 'utf8');
      } catch {
        // a folder
      }
    }
    return out;
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Generated files that are ignored by git but needed to run the project. */
const GENERATED = ['src/engine/kernels/build'];

/**
 * A copy of this project under the OS temporary directory: every file git
 * tracks or would track (`git ls-files --cached --others --exclude-standard`,
 * as they are in the working tree), the generated kernels, and a node_modules
 * of symlinks. Tests run the experiments and build the site there, so that
 * results/, .build/, dist/ and content/ of this tree are never touched.
 */
export class ProjectCopy {
  readonly root: string;

  constructor(prefix = 'cc-project-') {
    this.root = mkdtempSync(path.join(tmpdir(), prefix));
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const file of new Set(listed.split('\0').filter(Boolean))) {
      const from = path.join(repoRoot, file);
      if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree, or a submodule
      mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
      copyFileSync(from, path.join(this.root, file));
    }
    for (const dir of GENERATED) if (existsSync(path.join(repoRoot, dir))) cpSync(path.join(repoRoot, dir), path.join(this.root, dir), { recursive: true });
    linkNodeModules(this.root);
  }

  /** Run a command in the copy; throws with the tail of its output when it fails. */
  run(command: string, args: string[], extraEnv: Record<string, string> = {}): string {
    const r = spawnSync(command, args, {
      cwd: this.root,
      env: { ...env, FORCE_COLOR: '0', ...extraEnv },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      const tail = (text = '') => text.split('\n').slice(-60).join('\n');
      throw new Error(
        `\`${command} ${args.join(' ')}\` in ${this.root} failed (exit ${r.status ?? r.signal}):\n--- stderr ---\n${tail(r.stderr)}\n--- stdout ---\n${tail(r.stdout)}`,
      );
    }
    return r.stdout;
  }

  /** The experiments CLI on the copy (kernels built first, as `npm run experiments` does). */
  experiments(args: string[], extraEnv: Record<string, string> = {}): string {
    this.run('node', [path.join(this.root, 'scripts', 'build-kernels.mjs')], extraEnv);
    return this.run('tsx', [path.join(this.root, 'scripts', 'experiments.ts'), '--root', this.root, '--no-progress', ...args], extraEnv);
  }

  /** `astro build` of the copy, into its dist/ (or `outDir`, relative to the copy). */
  build(args: string[] = [], extraEnv: Record<string, string> = {}): { status: number | null; output: string } {
    const r = spawnSync('astro', ['build', '--root', this.root, ...args], {
      cwd: this.root,
      env: { ...siteEnv, ...extraEnv },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  }

  write(file: string, text: string): void {
    assertNotLinked(this.root, file);
    mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    writeFileSync(path.join(this.root, file), text);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export { execFileSync };
