/**
 * A throw-away project for pipeline tests: two tiny experiments that share
 * one engine module, one that reads a data file, an MDX page and a figure
 * module, run through the real `scripts/experiments.ts` CLI with --root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'node_modules', '.bin');
export const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };

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
  figures: { 'alpha-fig': { title: 'Alpha figure' } },
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
  figures: { 'beta-fig': { title: 'Beta figure' } },
};
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
    const base = path.join(repoRoot, 'test', '.tmp');
    mkdirSync(base, { recursive: true });
    this.root = mkdtempSync(path.join(base, 'project-'));
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): void {
    mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    writeFileSync(path.join(this.root, file), text);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  append(file: string, text: string): void {
    appendFileSync(path.join(this.root, file), text);
  }

  edit(file: string, from: string, to: string): void {
    const text = this.read(file);
    if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not in ${file}`);
    this.write(file, text.replace(from, to));
  }

  /** Run the experiments CLI on this project. */
  cli(args: string[], extraEnv: Record<string, string> = {}): CliResult {
    const r = spawnSync('tsx', [path.join(repoRoot, 'scripts', 'experiments.ts'), '--root', this.root, '--no-progress', '--json', ...args], {
      cwd: repoRoot,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
    });
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

export { execFileSync };
