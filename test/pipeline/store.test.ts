/** The results store: atomic writes, corrupt entries, schema errors. */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fixture, env, repoRoot } from '../helpers/fixture.js';

describe('results store', () => {
  let fx: Fixture;
  beforeAll(() => {
    fx = new Fixture();
    fx.ran();
  });
  afterAll(() => fx.remove());

  const cellFiles = (exp: string) => readdirSync(path.join(fx.root, 'results', exp, 'cells')).map((f) => path.join(fx.root, 'results', exp, 'cells', f));

  it('reports a corrupt entry and recomputes only that cell', () => {
    // (an entry that parses but fails its integrity check is rejected instead: integrity.test.ts)
    const [first] = cellFiles('alpha');
    writeFileSync(first, '{"kind": "cell", "key": "trunc');
    const r = fx.cli(['--profile', 'quick']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/recomputing alpha \[quick\] cell width=\d: corrupt \(results\/alpha\/cells\/[0-9a-f]{64}\.json: not valid JSON/);
    expect(r.json!.ran.map((c) => c.experiment)).toEqual(['alpha']);
    expect(JSON.parse(readFileSync(first, 'utf8')).result.value).toBeTypeOf('number');
  });

  it('rejects a config that fails its schema, naming experiment, file, profile and field, touching nothing', () => {
    const before = fx.storeSnapshot();
    fx.edit('experiments/alpha/experiment.ts', 'paper: { widths: [1, 2, 3]', "paper: { widths: [1, 'two', 3]");
    const r = fx.cli(['--profile', 'quick']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('experiment "alpha" (experiments/alpha/experiment.ts), profile "paper"');
    expect(r.stderr).toContain('field config.widths.1');
    expect(fx.storeSnapshot()).toEqual(before);
    fx.edit('experiments/alpha/experiment.ts', "paper: { widths: [1, 'two', 3]", 'paper: { widths: [1, 2, 3]');
  });

  it('rejects an unknown profile and an unknown experiment id', () => {
    const r = fx.cli(['--profile', 'huge']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/experiment "alpha" \(experiments\/alpha\/experiment.ts\), profile "huge": no such profile/);
    const s = fx.cli(['delta']);
    expect(s.status).toBe(1);
    expect(s.stderr).toContain('no experiment "delta"');
  });

  it('a killed writer never leaves a half-written entry', async () => {
    // A child process rewrites a 20 MB entry through writeFileAtomic in a loop; kill it at random moments.
    const target = path.join(fx.root, 'results', 'atomic', 'entry.json');
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(path.join(repoRoot, 'src/pipeline/store.ts'))};
      const big = (i) => JSON.stringify({ i, pad: 'x'.repeat(20_000_000) });
      for (let i = 0; ; i++) { writeFileAtomic(${JSON.stringify(target)}, big(i)); if (i === 0) process.stdout.write('ready\\n'); }
    `;
    for (const delay of [5, 40, 90, 150, 230]) {
      // tsx's loader in this very process (store.ts imports modules by their .js names): SIGKILL reaches the writer itself.
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(existsSync(target)).toBe(true);
      const parsed = JSON.parse(readFileSync(target, 'utf8'));
      expect(parsed.pad.length).toBe(20_000_000);
    }
    // Leftover temporary files are never read as entries, and --gc removes them.
    fx.cli(['--gc']);
    expect(readdirSync(path.join(fx.root, 'results')).includes('atomic')).toBe(false);
  });
});
