import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineCollection } from 'astro:content';
import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { z } from 'astro/zod';
import { PAGE } from './components/page';
import type { FigureData } from './pipeline/experiment';
import { type FigureProvenance, type LoadedFigure, loadFigure, MANIFEST_FILE, readManifest } from './pipeline/manifest';

/** The site's pages: MDX files under content/, one per paper (and more). */
const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content' }),
  schema: z
    .object({
      title: z.string(),
      description: z.string(),
      /** key of the paper the page reproduces (see ../shared/papers/README.md) */
      paper: z.enum(['luo2021', 'chen2023', 'zhou2022', 'chen2024']).optional(),
      /** full reference of the paper */
      reference: z.string().optional(),
      /** position on the home page */
      order: z.number().int(),
    })
    .strict(),
});

/**
 * Re-run `load` when the manifest, or a file it names, is added, changed or
 * removed (`astro dev` only: the watcher is undefined in a build). `files`
 * returns the paths (relative to the root) to watch besides the manifest.
 * One reload at a time, 200 ms after the last event: a run of the
 * experiments writes several files, and a file may be seen half-written.
 */
function watch(context: LoaderContext, root: string, files: () => string[], load: () => Promise<void>): void {
  const { watcher, logger } = context;
  if (!watcher) return;
  const manifest = path.join(root, MANIFEST_FILE);
  let watched = new Set<string>();
  const rewatch = () => {
    watched = new Set([manifest, ...files().map((f) => path.join(root, f))]);
    watcher.add([...watched]);
  };
  rewatch();
  let reloading = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onEvent = (changed: string) => {
    if (!watched.has(path.resolve(changed))) return;
    logger.info(`${path.relative(root, changed)} changed: reloading ${context.collection}`);
    clearTimeout(timer);
    timer = setTimeout(() => {
      reloading = reloading
        .then(load)
        .then(rewatch)
        .catch((error) => logger.error(`${context.collection} not reloaded: ${(error as Error).message}`));
    }, 200);
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent);
}

/**
 * One entry per figure of `.build/manifest.json`: its stored data and
 * provenance, read with the pipeline's own loadFigure. A figure the build
 * has no data for is an entry with the error that names it; the page that
 * uses it fails with that error. No manifest: no entries (a fresh clone
 * still type-checks; a page with a figure fails, saying what to run).
 */
function figuresLoader(): Loader {
  return {
    name: 'figures',
    load: async (context) => {
      const { store, logger, config, parseData, generateDigest } = context;
      const root = fileURLToPath(config.root);
      let aggregateFiles: string[] = [];
      // Entries are computed first and the store is replaced in one
      // synchronous step: the data store saves itself 500 ms after its last
      // change, and a save taken halfway through a reload (or one that
      // overlaps the next save, which astro then repeats with the older
      // content) would serve a page with half the figures or the old data.
      // A figure whose manifest entry and aggregate file (size, mtime) are as
      // at the last load keeps its entry: a change to one figure reloads in
      // milliseconds, not the seconds all figures take, which narrows the time
      // in which a page reloaded for another reason renders the old data.
      const loaded = new Map<string, { stamp: string; entry: { id: string; data: Record<string, unknown>; digest: string } }>();
      const stampOf = (manifest: ReturnType<typeof readManifest>, id: string) => {
        const provenance = manifest.figures[id];
        const file = provenance && path.join(root, provenance.aggregateFile);
        const stat = file && existsSync(file) ? statSync(file) : undefined;
        const { profile, commit, dirty, repository } = manifest;
        return JSON.stringify([profile, commit, dirty, repository, provenance ?? null, manifest.missing[id] ?? null, stat ? [stat.size, stat.mtimeMs] : null]);
      };
      const load = async () => {
        const started = performance.now();
        let read = 0;
        const entries: { id: string; data: Record<string, unknown>; digest: string }[] = [];
        const files: string[] = [];
        const replace = () => {
          const ids = new Set(entries.map((e) => e.id));
          for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
          // an entry of an unchanged digest is left as it is by the store
          for (const entry of entries) store.set(entry);
          aggregateFiles = files;
        };
        if (!existsSync(path.join(root, MANIFEST_FILE))) {
          logger.warn(`${MANIFEST_FILE} not found: no figure data (run \`npm run experiments\`)`);
          loaded.clear();
          replace();
          return;
        }
        const manifest = readManifest(root);
        for (const id of [...Object.keys(manifest.figures), ...Object.keys(manifest.missing)].sort()) {
          const file = manifest.figures[id]?.aggregateFile;
          if (file) files.push(file);
          const stamp = stampOf(manifest, id);
          const cached = loaded.get(id);
          if (cached?.stamp === stamp) {
            entries.push(cached.entry);
            continue;
          }
          let entry: Record<string, unknown>;
          try {
            const { build, provenance, data } = loadFigure(root, id, PAGE);
            entry = { ok: true, build, provenance, data };
          } catch (error) {
            entry = { ok: false, error: (error as Error).message };
          }
          const data = await parseData({ id, data: entry });
          const fresh = { id, data, digest: generateDigest(data) };
          read++;
          loaded.set(id, { stamp, entry: fresh });
          entries.push(fresh);
        }
        for (const id of loaded.keys()) if (!entries.some((e) => e.id === id)) loaded.delete(id);
        replace();
        logger.info(`${entries.length} figures, ${read} read anew, in ${Math.round(performance.now() - started)} ms`);
      };
      await load();
      watch(context, root, () => aggregateFiles, load);
    },
  };
}

const figures = defineCollection({
  loader: figuresLoader(),
  schema: z.discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      build: z.custom<LoadedFigure['build']>((v) => typeof v === 'object' && v !== null),
      provenance: z.custom<FigureProvenance>((v) => typeof v === 'object' && v !== null),
      data: z.custom<FigureData>((v) => typeof v === 'object' && v !== null && Array.isArray((v as FigureData).rows)),
    }),
    z.object({ ok: z.literal(false), error: z.string() }),
  ]),
});

/**
 * The source files each figure's data depends on (its definition and the
 * import graphs of its code), as they are in this build: one entry per file,
 * id = path relative to the root, body = the text. Served under /source/.
 */
function sourcesLoader(): Loader {
  return {
    name: 'sources',
    load: async (context) => {
      const { store, logger, config, generateDigest } = context;
      const root = fileURLToPath(config.root);
      let files: string[] = [];
      const load = () => {
        store.clear();
        files = [];
        if (!existsSync(path.join(root, MANIFEST_FILE))) return;
        const set = new Set<string>();
        for (const p of Object.values(readManifest(root).figures)) for (const f of [p.definitionFile, ...p.sources]) set.add(f);
        files = [...set].sort();
        for (const file of files) {
          const full = path.join(root, file);
          if (!existsSync(full)) {
            logger.warn(`source ${file} named in ${MANIFEST_FILE} is gone`);
            continue;
          }
          const body = readFileSync(full, 'utf8');
          store.set({ id: file, data: { path: file }, body, digest: generateDigest(body) });
        }
      };
      load();
      watch(
        context,
        root,
        () => files,
        async () => load(),
      );
    },
  };
}

const sources = defineCollection({
  loader: sourcesLoader(),
  schema: z.object({ path: z.string() }),
});

export const collections = { pages, figures, sources };
