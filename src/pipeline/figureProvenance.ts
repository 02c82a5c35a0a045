/** The site manifest's entry for each figure: where its data is and what made it. */
import { canonicalJson, hashFile, sha256 } from './hashing.js';
import type { FigureProvenance } from './manifest.js';
import type { PlannedExperiment } from './plan.js';
import { differencesFromPaper } from './profiles.js';
import type { AggregateEntry, ResultsStore } from './store.js';
import path from 'node:path';

/** A result may name the implementation that computed it in a string field `path`. */
function implementationOf(result: unknown): string | null {
  const path = (result as { path?: unknown } | null)?.path;
  return typeof path === 'string' ? path : null;
}

export function figureProvenance(
  p: PlannedExperiment,
  agg: AggregateEntry,
  store: ResultsStore,
  atBuildCommit: ((files: string[]) => boolean) & { holds: (file: string) => boolean },
): Record<string, FigureProvenance> {
  const { def } = p.exp;
  const cells = p.cells.map((c) => {
    const entry = c.entry;
    if (!entry) throw new Error(`${def.id}: cell ${c.spec.id} has no result`);
    return {
      id: c.spec.id,
      seed: c.spec.seed,
      key: c.key,
      file: store.relative(store.cellFile(def.id, c.key)),
      backend: entry.inputs.backend,
      implementation: implementationOf(entry.result),
      computeSeconds: entry.provenance.computeSeconds,
      computedAt: entry.provenance.computedAt,
      commit: entry.provenance.commit,
      sourcesAtCommit: entry.provenance.sourcesAtCommit,
    };
  });
  const runCode = p.cells[0]?.inputs.code ?? [];
  const hashes = new Map([...runCode, ...p.aggregateCode].map((s) => [s.file, s.sha256]));
  hashes.set(p.exp.definitionFile, hashFile(path.join(store.root, p.exp.definitionFile)));
  const sources = [...hashes.keys()].sort();
  const sourcesHash = sha256(canonicalJson(sources.map((file) => [file, hashes.get(file)])));
  const backends = [...new Set(cells.map((c) => c.backend).filter((b): b is string => b !== null))].sort();
  const differsFromPaper = differencesFromPaper(p.exp, p.profile, p.config);
  const out: Record<string, FigureProvenance> = {};
  for (const [figure, spec] of Object.entries(def.figures)) {
    out[figure] = {
      figure,
      title: spec.title,
      experiment: def.id,
      experimentTitle: def.title,
      paper: def.paper,
      profile: p.profile,
      aggregateFile: store.relative(store.aggregateFile(def.id, agg.key)),
      aggregateKey: agg.key,
      config: p.config,
      cells,
      packages: p.cells[0]?.inputs.packages ?? {},
      tensorflow: p.usesTensorflow ? { backends } : null,
      computeSeconds: Math.round(cells.reduce((s, c) => s + c.computeSeconds, 0) * 1000) / 1000,
      sources,
      sourcesHash,
      sourcesAtBuildCommit: atBuildCommit(sources),
      notInCommit: sources.filter((file) => !atBuildCommit.holds(file)),
      definitionFile: p.exp.definitionFile,
      differsFromPaper,
    };
  }
  return out;
}
