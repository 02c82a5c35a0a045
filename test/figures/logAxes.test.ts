/**
 * Every log axis of every figure, drawn from the committed paper data, labels the whole range it shows:
 * each end of the axis lies within half a label interval (the median distance between labels, in decades)
 * of a labelled tick, or within a factor 2 of one. A short axis whose data run past its last label (0.43 to 38
 * labelled only from 1, the Fig. 3 of issue 12 labelled to 0.01 with data at 0.028) fails, naming the figure.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureView } from '../../src/figures/types.js';
import { figureIds, loadFigure } from '../../src/pipeline/manifest.js';
import { ProjectCopy } from '../helpers/fixture.js';

const views = import.meta.glob<{ figure: FigureView }>(['../../src/figures/*.ts', '!../../src/figures/render.ts', '!../../src/figures/types.ts']);

/** A tick label's value: Plot's SI prefixes (100m, 10µ, 1k), exponents (1e-4), true minus signs. */
const SI: Record<string, number> = { a: 1e-18, f: 1e-15, p: 1e-12, n: 1e-9, µ: 1e-6, μ: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9 };
function tickValue(label: string): number {
  const m = /^(-?[\d.]+(?:e[+-]?\d+)?)([afpnµμmkMG]?)$/.exec(label.replace('−', '-').trim());
  return m ? Number(m[1]) * SI[m[2]] : Number.NaN;
}

/** The decades between each end of a log axis's domain and its nearest labelled tick, and the label interval. */
function logAxisGaps(domain: number[], labels: string[]): { low: number; high: number; interval: number; labelled: number } {
  const [lo, hi] = [Math.min(...domain), Math.max(...domain)];
  const logs = labels
    .map(tickValue)
    .filter((v) => v > 0)
    .map(Math.log10)
    .sort((p, q) => p - q);
  const steps = logs
    .slice(1)
    .map((x, i) => x - logs[i])
    .sort((p, q) => p - q);
  return {
    low: (logs[0] ?? Number.POSITIVE_INFINITY) - Math.log10(lo),
    high: Math.log10(hi) - (logs.at(-1) ?? Number.NEGATIVE_INFINITY),
    interval: steps[Math.floor(steps.length / 2)] ?? 0,
    labelled: logs.length,
  };
}

describe('log axes', () => {
  it('measures the gaps from the labels Plot writes', () => {
    expect(tickValue('100µ')).toBeCloseTo(1e-4, 12);
    expect(tickValue('2k')).toBe(2000);
    expect(tickValue('1e-3')).toBe(1e-3);
    expect(tickValue('')).toBeNaN();
    // issue 12's case: labelled 0.001 to 0.01, data to 0.028
    const g = logAxisGaps([0.001, 0.028], ['0.001', '', '0.002', '0.005', '0.01']);
    expect(g.high).toBeGreaterThan(Math.max(Math.log10(2), g.interval / 2));
    expect(logAxisGaps([0.001, 0.011], ['0.001', '0.002', '0.005', '0.01']).high).toBeLessThan(0.3);
  });

  describe('on the committed paper data', () => {
    let project: ProjectCopy;
    beforeAll(() => {
      project = new ProjectCopy('cc-log-axes-');
      project.experiments(['--frozen', '--profile', 'paper']);
    }, 300_000);
    afterAll(() => project?.remove());

    it('label every log axis to both ends', async () => {
      const problems: string[] = [];
      let axes = 0;
      for (const id of figureIds(project.root)) {
        const load = views[`../../src/figures/${id}.ts`];
        if (!load) continue;
        const view = (await load()).figure;
        const figure = loadFigure(project.root, id, '/');
        view.panels(figure.data).forEach((panel, k) => {
          for (const axis of ['x', 'y'] as const) {
            const scale = panel.options[axis] as { type?: string; axis?: unknown } | undefined;
            if (scale?.type !== 'log' || scale.axis === null) continue;
            const { document } = parseHTML('<!doctype html><html><body></body></html>');
            const chart = Plot.plot({ ...panel.options, document } as Plot.PlotOptions) as unknown as Element & Plot.Plot;
            const svg = chart.tagName.toLowerCase() === 'svg' ? chart : [...chart.querySelectorAll('svg')].at(-1);
            const labels = [...(svg?.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`) ?? [])].map((t) => t.textContent ?? '');
            const domain = (chart.scale(axis)?.domain ?? []) as number[];
            const g = logAxisGaps(domain, labels);
            axes++;
            const allowed = Math.max(Math.log10(2), g.interval / 2);
            if (g.labelled < 2 || g.low > allowed + 1e-9 || g.high > allowed + 1e-9)
              problems.push(
                `${id} panel ${k + 1} ${axis}: domain ${domain.map((d) => d.toPrecision(3)).join('..')}, labels [${labels.filter(Boolean).join(', ')}]: ${g.low.toFixed(2)} / ${g.high.toFixed(2)} decades unlabelled at the ends (at most ${allowed.toFixed(2)})`,
              );
          }
        });
      }
      expect(axes).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    });
  });
});
