/**
 * The `full` profile: an experiment whose paper settings exceed a
 * workstation declares them exactly as `full`, and the site, built from the
 * `paper` profile, says where what it shows differs from them. When every
 * `full` cell of an experiment is in the store (from a cluster run), the
 * build shows the `full` results instead.
 */
import { canonicalJson } from './hashing.js';
import type { LoadedExperiment } from './registry.js';
import { resolveProfile } from './registry.js';

/** The profile that holds the paper's exact settings. */
export const FULL_PROFILE = 'full';

export const hasFullProfile = (exp: LoadedExperiment) => Object.hasOwn(exp.def.profiles, FULL_PROFILE);

const show = (v: unknown): string => {
  if (v === undefined) return 'not set';
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
  return typeof v === 'string' ? v : canonicalJson(v);
};

function diff(prefix: string, shown: unknown, paper: unknown, out: string[]): void {
  if (canonicalJson(shown ?? null) === canonicalJson(paper ?? null)) return;
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isRecord(shown) && isRecord(paper)) {
    for (const k of [...new Set([...Object.keys(shown), ...Object.keys(paper)])].sort()) diff(prefix ? `${prefix}.${k}` : k, shown[k], paper[k], out);
    return;
  }
  out.push(`${prefix}: ${show(shown)} (paper: ${show(paper)})`);
}

/**
 * Where the configuration of `profile` differs from the `full` profile, one
 * line per field (`widths: 250, 500 (paper: 1000, 10000)`); null when the
 * experiment declares no `full` profile (its `paper` profile is the paper's
 * settings).
 */
export function differencesFromPaper(exp: LoadedExperiment, profile: string, config: unknown): string[] | null {
  if (!hasFullProfile(exp)) return null;
  if (profile === FULL_PROFILE) return [];
  const out: string[] = [];
  diff('', config, resolveProfile(exp, FULL_PROFILE).config, out);
  return out;
}
