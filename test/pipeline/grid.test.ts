/** cellGrid (src/pipeline/grid.ts) and the legacy seed rule (experiments/shared/legacySeed.ts). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacySeed } from '../../experiments/shared/legacySeed.js';
import { cellGrid, hashSeed } from '../../src/pipeline/grid.js';

describe('cellGrid', () => {
  it('expands the axes with the first varying slowest, ids in idOrder with labels', () => {
    const cells = cellGrid({
      axes: { gammaPrime: [-0.3, 0.3], gamma: [0.6, 1], m: [250, 500] },
      idOrder: ['gamma', 'gammaPrime', 'm'],
      labels: { gammaPrime: "gamma'" },
      baseSeed: 11,
      params: ({ gammaPrime, gamma, m }) => ({ gammaPrime, gamma, m }),
    });
    expect(cells.map((c) => c.id)).toEqual([
      "gamma=0.6,gamma'=-0.3,m=250",
      "gamma=0.6,gamma'=-0.3,m=500",
      "gamma=1,gamma'=-0.3,m=250",
      "gamma=1,gamma'=-0.3,m=500",
      "gamma=0.6,gamma'=0.3,m=250",
      "gamma=0.6,gamma'=0.3,m=500",
      "gamma=1,gamma'=0.3,m=250",
      "gamma=1,gamma'=0.3,m=500",
    ]);
    expect(cells[5].params).toEqual({ gammaPrime: 0.3, gamma: 0.6, m: 500 });
  });

  it('default ids follow the axis order; an empty label writes the value alone, format writes objects', () => {
    const ids = cellGrid({ axes: { s: [0.75], m: [100], repeat: [0, 1] }, baseSeed: 0, params: () => null }).map((c) => c.id);
    expect(ids).toEqual(['s=0.75,m=100,repeat=0', 's=0.75,m=100,repeat=1']);
    const named = cellGrid({
      axes: { activation: [{ name: 'tanh' }, { name: 'xtanh' }] },
      labels: { activation: '' },
      format: { activation: (a) => a.name },
      baseSeed: 0,
      params: ({ activation }) => activation,
    });
    expect(named.map((c) => c.id)).toEqual(['tanh', 'xtanh']);
    expect(named[1].params).toEqual({ name: 'xtanh' });
    expect(() => cellGrid({ axes: { activation: [{ name: 'tanh' }] }, baseSeed: 0, params: () => null })).toThrow(/object values/);
  });

  it('passes coordinates, indices and ids to params and the seed override', () => {
    const seen: string[] = [];
    cellGrid({
      axes: { a: [10, 20], b: ['x', 'y', 'z'] },
      baseSeed: 0,
      params: (at, point) => seen.push(`${at.a}${at.b}:${point.index.a}${point.index.b}:${point.indices.join('')}`),
      seed: ({ indices }) => indices[0] * 3 + indices[1],
    });
    expect(seen).toEqual(['10x:00:00', '10y:01:01', '10z:02:02', '20x:10:10', '20y:11:11', '20z:12:12']);
  });

  it('default seeds: the first 31 bits of SHA-256 of "<base>:<id>"', () => {
    const cells = cellGrid({ axes: { gamma: [0.5, 1] }, baseSeed: 7, params: () => ({}) });
    const expected = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) >>> 1;
    expect(cells.map((c) => c.seed)).toEqual([expected('7:gamma=0.5'), expected('7:gamma=1')]);
    expect(hashSeed(7, 'gamma=1')).toBe(expected('7:gamma=1'));
    for (const c of cells) expect(c.seed).toBeLessThan(2 ** 31);
  });

  it('default seeds are stable when an axis grows', () => {
    const small = cellGrid({ axes: { gamma: [0.5, 1], m: [100, 200] }, baseSeed: 3, params: () => ({}) });
    const large = cellGrid({ axes: { gamma: [0.25, 0.5, 1, 2], m: [100, 200, 400] }, baseSeed: 3, params: () => ({}) });
    const seedOf = new Map(large.map((c) => [c.id, c.seed]));
    for (const c of small) expect(seedOf.get(c.id), c.id).toBe(c.seed);
    expect(new Set(large.map((c) => c.seed)).size).toBe(large.length);
  });

  it('sharedSeedAxes: cells differing only along them share a seed, hashed from the id without them', () => {
    const cells = cellGrid({ axes: { gamma: [0.5, 1, 1.75], m: [100, 200] }, baseSeed: 1, sharedSeedAxes: ['gamma'], params: () => ({}) });
    expect(cells.filter((c) => c.id.endsWith('m=100')).map((c) => c.seed)).toEqual(Array(3).fill(hashSeed(1, 'm=100')));
    expect(cells.filter((c) => c.id.endsWith('m=200')).map((c) => c.seed)).toEqual(Array(3).fill(hashSeed(1, 'm=200')));
    const all = cellGrid({ axes: { gamma: [0.5, 1] }, baseSeed: 1, sharedSeedAxes: ['gamma'], params: () => ({}) });
    expect(all.map((c) => c.seed)).toEqual([hashSeed(1, ''), hashSeed(1, '')]);
  });

  it('throws when two independent cells get one seed, or cells meant to share get different seeds', () => {
    expect(() => cellGrid({ axes: { gamma: [0.5, 1], m: [1, 2] }, baseSeed: 0, params: () => ({}), seed: ({ indices }) => indices[0] + indices[1] })).toThrow(
      /cells "gamma=0.5,m=2" and "gamma=1,m=1" should be independent but both got seed 1/,
    );
    expect(() =>
      cellGrid({ axes: { gamma: [0.5, 1] }, baseSeed: 0, sharedSeedAxes: ['gamma'], params: () => ({}), seed: ({ indices }) => indices[0] }),
    ).toThrow(/differ only along the shared-seed axes/);
  });

  it('rejects unknown axes, incomplete idOrder, bad seeds; an empty axis gives no cells', () => {
    expect(() => cellGrid({ axes: { a: [1], b: [2] }, idOrder: ['a'], baseSeed: 0, params: () => ({}) })).toThrow(/idOrder must list every axis once/);
    expect(() => cellGrid({ axes: { a: [1] }, sharedSeedAxes: ['b' as 'a'], baseSeed: 0, params: () => ({}) })).toThrow(/"b" is not an axis/);
    expect(() => cellGrid({ axes: { a: [1] }, baseSeed: 0.5, params: () => ({}) })).toThrow(/not an integer/);
    expect(() => cellGrid({ axes: { a: [1] }, baseSeed: 0, params: () => ({}), seed: () => -1 })).toThrow(/not a nonnegative integer/);
    expect(cellGrid({ axes: { a: [1], b: [] }, baseSeed: 0, params: () => ({}) })).toEqual([]);
  });
});

describe('legacySeed: base + Σ strides · indices, range-checked', () => {
  it('reproduces the rules of the existing experiments', () => {
    const rule = legacySeed(11, [100_000, 1000, 1]);
    expect(rule({ indices: [2, 5, 3], id: 'x' })).toBe(11 + 200_000 + 5000 + 3);
    expect(legacySeed(41, [100, 1])({ indices: [1, 4], id: 'x' })).toBe(145);
    expect(legacySeed(21, [10_000, 100, 1])({ indices: [2, 1, 3], id: 'x' })).toBe(20_124);
    // stride 0: shared along that axis
    expect(legacySeed(5, [0])({ indices: [3], id: 'x' })).toBe(5);
  });

  it('throws where an index would overflow into the next stride (a possible collision)', () => {
    const rule = legacySeed(0, [100_000, 1000, 1]);
    expect(rule({ indices: [7, 99, 999], id: 'ok' })).toBe(799_999);
    expect(() => rule({ indices: [0, 0, 1000], id: 'too-wide' })).toThrow(/cell "too-wide": index 1000 along axis 2 overflows/);
    expect(() => rule({ indices: [0, 100, 0], id: 'too-many-gammas' })).toThrow(/overflows/);
    expect(() => legacySeed(0, [100, 1])({ indices: [0, 100], id: 'x' })).toThrow(/overflows/);
    expect(() => rule({ indices: [0, 0], id: 'x' })).toThrow(/2 axes, the rule 3 strides/);
  });

  it('inside cellGrid, a grid past its ranges fails instead of colliding', () => {
    const widths = Array.from({ length: 1001 }, (_, i) => i + 2);
    expect(() => cellGrid({ axes: { gamma: [0.5, 1], m: widths }, baseSeed: 0, params: () => ({}), seed: legacySeed(0, [1000, 1]) })).toThrow(/overflows/);
  });
});
