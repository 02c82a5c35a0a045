/**
 * npx tsx scripts/rerun-check.ts [ids…] [--eligible] [--json]
 *
 * Do the cells that "Re-run in your browser" offers reproduce bit for bit in
 * a browser? Runs them in headless Chromium (playwright-core, CHROMIUM_PATH or
 * /usr/bin/chromium; a module Web Worker per experiment running an esbuild
 * bundle of its run.ts, scripts/bench/browser.ts) and compares each result's
 * digest with the stored one. The cells: for each re-runnable experiment of
 * the manifest (.build/manifest.json, written by `npm run experiments` at its
 * profile), those its figures' panels offer (src/components/rerun.ts
 * rerunOffer: listed, sample and all), or every eligible one with --eligible.
 * Per experiment: how many are identical and which differ. Exit 1 when any
 * differs or fails. Run it after a Chromium (or Node) update: an experiment
 * whose results come to differ belongs in NOT_RERUNNABLE
 * (src/components/rerunnable.ts), with why.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { rerunOffer, rerunPlan } from '../src/components/rerun.js';
import { isRerunnable } from '../src/components/rerunnable.js';
import { resultDigest } from '../src/pipeline/integrity.js';
import { type LoadedFigure, MANIFEST_FILE } from '../src/pipeline/manifest.js';
import { chromiumRunner } from './bench/browser.js';

const { values, positionals } = parseArgs({
  options: { eligible: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const root = process.cwd();
const manifest = JSON.parse(readFileSync(path.join(root, MANIFEST_FILE), 'utf8')) as { profile: string; figures: Record<string, LoadedFigure['provenance']> };

// experiment → the cells to run (one figure per experiment: the figures of an experiment share its cells)
const chosen = new Map<string, { id: string; file: string; digest?: string }[]>();
for (const provenance of Object.values(manifest.figures)) {
  const e = provenance.experiment;
  if (chosen.has(e) || !isRerunnable(e) || (positionals.length && !positionals.includes(e))) continue;
  const plan = rerunPlan({ provenance } as LoadedFigure, root);
  if (!plan) continue;
  const offer = rerunOffer(plan);
  const keys = new Set((values.eligible ? plan.eligible : [...offer.listed, ...offer.sample, ...offer.all]).map((c) => c.key));
  chosen.set(
    e,
    provenance.cells.filter((c) => keys.has(c.key)),
  );
}

const runner = await chromiumRunner([...chosen.keys()]);
const report: { experiment: string; identical: number; differ: string[]; failed: string[] }[] = [];
let agent = '';
try {
  for (const [experiment, cells] of chosen) {
    const r = { experiment, identical: 0, differ: [] as string[], failed: [] as string[] };
    for (const c of cells) {
      const entry = JSON.parse(readFileSync(path.join(root, c.file), 'utf8'));
      try {
        const out = await runner.run(experiment, entry.inputs.cell);
        agent = out.chromium;
        if (resultDigest(out.result) === entry.digest) r.identical++;
        else r.differ.push(c.id);
      } catch (error) {
        r.failed.push(`${c.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    report.push(r);
    if (!values.json)
      process.stderr.write(
        `${experiment.padEnd(28)} ${r.identical} of ${cells.length} identical${r.differ.length ? `; differ: ${r.differ.slice(0, 5).join('; ')}${r.differ.length > 5 ? ' …' : ''}` : ''}${r.failed.length ? `; failed: ${r.failed.slice(0, 3).join('; ')}` : ''}\n`,
      );
  }
} finally {
  await runner.close();
}
const bad = report.filter((r) => r.differ.length || r.failed.length);
const total = report.reduce((n, r) => n + r.identical + r.differ.length + r.failed.length, 0);
if (values.json) process.stdout.write(`${JSON.stringify({ profile: manifest.profile, node: process.version, chromium: agent, report }, null, 2)}\n`);
else
  process.stdout.write(
    `${manifest.profile} profile: ${total - bad.reduce((n, r) => n + r.differ.length + r.failed.length, 0)} of ${total} cells of ${report.length} experiments reproduce the stored digest bit for bit in ${agent}\n`,
  );
process.exit(bad.length ? 1 : 0);
