/** What a result was made with: commit, package versions, repository. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

function git(root: string, args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export interface GitState {
  commit: string | null;
  /** True when tracked files differ from the commit. */
  dirty: boolean;
}

export function gitState(root: string): GitState {
  const commit = git(root, ['rev-parse', 'HEAD']) ?? null;
  const status = git(root, ['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: commit !== null && !!status };
}

/**
 * Installed versions of the `@tensorflow/*` packages a run can use, sorted
 * by name. `@tensorflow/tfjs-node` counts only when it is the backend in use:
 * it is an optional dependency that installs on some machines and not others.
 */
export function tensorflowVersions(root: string, backend: string): Record<string, string> {
  const dir = path.join(root, 'node_modules', '@tensorflow');
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'tfjs-node' && backend !== 'tensorflow') continue;
    const pkg = path.join(dir, name, 'package.json');
    if (existsSync(pkg)) out[`@tensorflow/${name}`] = JSON.parse(readFileSync(pkg, 'utf8')).version;
  }
  return out;
}

/**
 * The web address of the repository, for links to sources at a commit:
 * GITHUB_REPOSITORY in GitHub Actions, else the `origin` remote if it is on
 * GitHub, else package.json's `repository`. Undefined when none is known.
 */
export function repositoryUrl(root: string): string | undefined {
  if (process.env.GITHUB_REPOSITORY) return `${process.env.GITHUB_SERVER_URL ?? 'https://github.com'}/${process.env.GITHUB_REPOSITORY}`;
  const remote = git(root, ['remote', 'get-url', 'origin']);
  const m = remote?.match(/github\.com[:/](.+?)(\.git)?$/);
  if (m) return `https://github.com/${m[1]}`;
  try {
    const repo = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).repository;
    const url = typeof repo === 'string' ? repo : repo?.url;
    if (typeof url === 'string') return url.replace(/^git\+/, '').replace(/\.git$/, '');
  } catch {
    // no package.json: no repository
  }
  return undefined;
}
