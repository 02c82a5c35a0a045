/**
 * Vitest global setup: a temporary folder for the sites that browser test
 * files share within one run (./site.ts), removed when the run ends. Cheap:
 * nothing is built here; the first test file that needs a site builds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where ./site.ts keeps the sites built in this run */
    sharedSites: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'cc-shared-sites-'));
  project.provide('sharedSites', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
