/**
 * The introduction page's experiments at the quick profile, on a copy of the
 * project (from the copied store when fresh; nothing is written into this
 * working tree): the CNN's first-layer kernels are more aligned after
 * small-initialisation training than at initialisation, and the 1-d demo
 * condenses onto a few orientations while fitting its target.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { figures as cnn } from '../../experiments/introduction-cnn/experiment.js';
import type { figures as demo } from '../../experiments/introduction-demo/experiment.js';
import type { FigureDataOf } from '../../src/pipeline/experiment.js';
import type { Manifest } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

type Figures = typeof cnn & typeof demo;

let project: ProjectCopy;
let manifest: Manifest;
function figure<K extends keyof Figures>(id: K): FigureDataOf<Figures[K]> {
  const p = manifest.figures[id];
  if (!p) throw new Error(`figure ${id} is not in the quick build`);
  return JSON.parse(readFileSync(path.join(project.root, p.aggregateFile), 'utf8')).figures[id];
}

beforeAll(() => {
  project = new ProjectCopy('cc-intro-quick-');
  project.experiments(['introduction-cnn', 'introduction-demo', '--profile', 'quick', '--jobs', '1']);
  manifest = JSON.parse(readFileSync(path.join(project.root, '.build', 'manifest.json'), 'utf8'));
  expect(manifest.profile).toBe('quick');
}, 300_000);
afterAll(() => project?.remove());

describe('introduction at the quick profile', () => {
  it('CNN: the first-layer kernels are more aligned after small-initialisation training than at initialisation', () => {
    const v = figure('introduction-cnn').values!;
    // at initialisation, close to independent random directions
    expect(Math.abs(v.mean_abs_d_initial - v.mean_abs_d_random)).toBeLessThan(0.05);
    expect(v.mean_abs_d_trained).toBeGreaterThan(v.mean_abs_d_initial + 0.15);
    expect(v.aligned_trained).toBeGreaterThan(v.aligned_initial + 5);
    // and it learned something (chance is 10 %)
    expect(v.train_accuracy).toBeGreaterThan(30);
  });

  it('1-d demo: the loss falls by a factor 100 and the large neurons sit at a few orientations', () => {
    const v = figure('introduction-demo').values!;
    expect(v.status).toBe('completed');
    expect(v.final_loss).toBeLessThan(v.initial_loss / 100);
    expect(v.orientations_first_drop).toBeLessThanOrEqual(2);
    expect(v.orientations).toBeGreaterThanOrEqual(2);
    expect(v.orientations).toBeLessThanOrEqual(6);
    expect(v.max_amplitude_final).toBeGreaterThan(1000 * v.max_amplitude_initial);
  });
});
