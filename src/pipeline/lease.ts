/**
 * Leases: a cell being computed is claimed in a file beside the store, so
 * that concurrent runs on one store (several processes here, or the tasks of
 * a cluster job on a shared file system) split the work instead of each
 * computing every cell.
 *
 *   <root>/.build/leases/<experiment>/<key>.lease   {host, pid, startedAt, heartbeatAt, token, cell}
 *
 * A lease is created with link(2), which fails if the file exists (atomic on
 * local file systems and NFS), and renewed every `heartbeatMs` by its owner.
 * It is stale when its owner is a dead process on this host, or when its
 * heartbeat is older than `staleMs` (another host, which may have crashed or
 * been cancelled). A stale lease is taken over: renamed aside (one taker
 * wins), checked to be the lease that was judged stale, removed, and claimed
 * anew. Leases live under .build/ (ignored by git) and never in results/.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export interface LeaseOwner {
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
  token: string;
  /** experiment and cell id, for messages */
  cell: string;
}

export interface LeaseOptions {
  /** renew held leases this often (default 10 s) */
  heartbeatMs?: number;
  /** a lease not renewed for this long is stale (default 5 min; CC_LEASE_STALE_SECONDS) */
  staleMs?: number;
  /** this host's name (default os.hostname()) */
  host?: string;
}

export type Claim = { held: true } | { held: false; owner: LeaseOwner };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LeaseOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LeaseOwner;
  } catch {
    return undefined; // gone, or being written (link makes it whole: only a foreign writer could cause this)
  }
}

export class Leases {
  readonly dir: string;
  readonly host: string;
  readonly heartbeatMs: number;
  readonly staleMs: number;
  private held = new Map<string, LeaseOwner>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(root: string, opts: LeaseOptions = {}) {
    this.dir = path.join(root, '.build', 'leases');
    this.host = opts.host ?? hostname();
    this.heartbeatMs = opts.heartbeatMs ?? 10_000;
    const envStale = Number(process.env.CC_LEASE_STALE_SECONDS);
    this.staleMs = opts.staleMs ?? (Number.isFinite(envStale) && envStale > 0 ? envStale * 1000 : 300_000);
  }

  file(experiment: string, key: string): string {
    return path.join(this.dir, experiment, `${key}.lease`);
  }

  /** Whether `owner`'s lease no longer protects its cell. */
  isStale(owner: LeaseOwner, now = Date.now()): boolean {
    if (owner.host === this.host && owner.pid !== process.pid && !alive(owner.pid)) return true;
    return now - Date.parse(owner.heartbeatAt) > this.staleMs;
  }

  /** Claim the cell, or name who holds it. A stale lease is taken over. */
  acquire(experiment: string, key: string, cell: string): Claim {
    const file = this.file(experiment, key);
    mkdirSync(path.dirname(file), { recursive: true });
    const now = new Date().toISOString();
    const mine: LeaseOwner = {
      host: this.host,
      pid: process.pid,
      startedAt: now,
      heartbeatAt: now,
      token: randomBytes(8).toString('hex'),
      cell: `${experiment} ${cell}`,
    };
    for (let attempt = 0; attempt < 8; attempt++) {
      const tmp = `${file}.${mine.token}`;
      writeFileSync(tmp, JSON.stringify(mine));
      try {
        linkSync(tmp, file);
        this.held.set(file, mine);
        this.startHeartbeat();
        return { held: true };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        rmSync(tmp, { force: true });
      }
      const owner = readOwner(file);
      if (!owner) continue; // removed meanwhile: try again
      if (!this.isStale(owner)) return { held: false, owner };
      // Take over: move the stale lease aside; only one taker's rename succeeds.
      const aside = `${file}.stale-${mine.token}`;
      try {
        renameSync(file, aside);
      } catch {
        continue; // someone else moved it: look again
      }
      const moved = readOwner(aside);
      if (moved && moved.token !== owner.token && !this.isStale(moved)) {
        // we moved a fresh lease that another taker had just made: put it back
        try {
          linkSync(aside, file);
        } catch {
          // a third claim exists: it stands
        }
        rmSync(aside, { force: true });
        return { held: false, owner: moved };
      }
      rmSync(aside, { force: true });
    }
    const owner = readOwner(file);
    if (owner) return { held: false, owner };
    throw new Error(`lease ${file}: could not claim it after 8 attempts`);
  }

  /** Give up a lease this process holds (after the result is written, or on failure). */
  release(experiment: string, key: string): void {
    const file = this.file(experiment, key);
    const mine = this.held.get(file);
    this.held.delete(file);
    if (!mine) return;
    if (readOwner(file)?.token === mine.token) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
    if (this.held.size === 0) this.stopHeartbeat();
  }

  /** Release every lease this process holds (on exit or signal). */
  releaseAll(): void {
    for (const file of [...this.held.keys()]) {
      const mine = this.held.get(file)!;
      this.held.delete(file);
      if (readOwner(file)?.token === mine.token) rmSync(file, { force: true });
    }
    this.stopHeartbeat();
  }

  /** Renew every held lease now; a lease that another run took over is dropped. */
  heartbeat(): void {
    const now = new Date().toISOString();
    for (const [file, mine] of this.held) {
      if (readOwner(file)?.token !== mine.token) {
        this.held.delete(file); // taken over (we were judged stale): the other run computes it too
        continue;
      }
      mine.heartbeatAt = now;
      const tmp = `${file}.${mine.token}.hb`;
      writeFileSync(tmp, JSON.stringify(mine));
      renameSync(tmp, file);
    }
  }

  private startHeartbeat(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
