/**
 * A one-node Slurm cluster on localhost for tests: munged, slurmctld and
 * slurmd as root, with their configuration, state and logs in a temporary
 * directory and ports of their own (ProctrackType=proctrack/linuxproc,
 * TaskPlugin=task/none, 2 CPUs). Debian's slurm-wlm and munge provide the
 * daemons (.ci/run installs them). Where the cluster cannot start, `start`
 * throws with the reason and the daemons' logs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';

const DAEMONS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'sinfo'];
const MUNGE_KEY = '/etc/munge/munge.key';

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/sbin', '/bin', ...(process.env.PATH ?? '').split(':')]) {
    if (existsSync(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return undefined;
}

export class LocalSlurm {
  readonly dir: string;
  readonly conf: string;
  readonly env: NodeJS.ProcessEnv;
  private pids: string[] = [];

  private constructor(dir: string) {
    this.dir = dir;
    this.conf = path.join(dir, 'slurm.conf');
    this.env = { ...process.env, SLURM_CONF: this.conf };
  }

  static start(cpus = 2): LocalSlurm {
    const missing = DAEMONS.filter((d) => !which(d));
    if (missing.length) throw new Error(`Slurm cannot start: ${missing.join(', ')} not installed (apt-get install -y slurm-wlm munge)`);
    if (process.getuid?.() !== 0) throw new Error('Slurm cannot start: the test runs slurmctld and slurmd as root, and this process is not root');
    if (!existsSync(MUNGE_KEY)) throw new Error(`Slurm cannot start: no munge key at ${MUNGE_KEY} (the munge package creates it)`);
    const s = new LocalSlurm(mkdtempSync(path.join(tmpdir(), 'cc-slurm-')));
    const d = s.dir;
    for (const sub of ['state', 'spool', 'log', 'munge']) mkdirSync(path.join(d, sub));
    copyFileSync(MUNGE_KEY, path.join(d, 'munge', 'munge.key'));
    execFileSync('chmod', ['600', path.join(d, 'munge', 'munge.key')]);
    const socket = path.join(d, 'munge', 'munge.sock');
    const run = (cmd: string, args: string[]) => {
      const r = spawnSync(which(cmd)!, args, { env: s.env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`Slurm cannot start: ${cmd} exited ${r.status ?? r.signal}: ${r.stderr.trim()}\n${s.logs()}`);
    };
    run('munged', [
      '--force',
      `--socket=${socket}`,
      `--key-file=${path.join(d, 'munge', 'munge.key')}`,
      `--pid-file=${path.join(d, 'munge', 'munged.pid')}`,
      `--log-file=${path.join(d, 'munge', 'munged.log')}`,
      `--seed-file=${path.join(d, 'munge', 'seed')}`,
    ]);
    s.pids.push(path.join(d, 'munge', 'munged.pid'));
    const host = hostname();
    const port = 20000 + Math.floor(Math.random() * 20000);
    writeFileSync(
      s.conf,
      [
        'ClusterName=cc-test',
        `SlurmctldHost=${host}(127.0.0.1)`,
        'SlurmUser=root',
        'SlurmdUser=root',
        `SlurmctldPort=${port}`,
        `SlurmdPort=${port + 1}`,
        'AuthType=auth/munge',
        `AuthInfo=socket=${socket}`,
        'CredType=cred/munge',
        `StateSaveLocation=${path.join(d, 'state')}`,
        `SlurmdSpoolDir=${path.join(d, 'spool')}`,
        `SlurmctldPidFile=${path.join(d, 'slurmctld.pid')}`,
        `SlurmdPidFile=${path.join(d, 'slurmd.pid')}`,
        `SlurmctldLogFile=${path.join(d, 'log', 'slurmctld.log')}`,
        `SlurmdLogFile=${path.join(d, 'log', 'slurmd.log')}`,
        'ProctrackType=proctrack/linuxproc',
        'TaskPlugin=task/none',
        'SchedulerType=sched/backfill',
        'SelectType=select/cons_tres',
        'SelectTypeParameters=CR_CPU',
        'ReturnToService=2',
        'MpiDefault=none',
        'JobCompType=jobcomp/none',
        'AccountingStorageType=accounting_storage/none',
        'KillWait=5',
        `NodeName=${host} NodeAddr=127.0.0.1 CPUs=${cpus} RealMemory=4000 State=UNKNOWN`,
        `PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
        '',
      ].join('\n'),
    );
    run('slurmctld', ['-f', s.conf]);
    s.pids.push(path.join(d, 'slurmctld.pid'));
    run('slurmd', ['-f', s.conf]);
    s.pids.push(path.join(d, 'slurmd.pid'));
    // up when the node is idle
    const end = Date.now() + 30_000;
    for (;;) {
      const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env: s.env, encoding: 'utf8' });
      if (r.status === 0 && r.stdout.trim() === 'idle') break;
      if (Date.now() > end) {
        s.stop();
        throw new Error(`Slurm cannot start: the node is not idle after 30 s (sinfo: ${r.stdout.trim() || r.stderr.trim()})\n${s.logs()}`);
      }
      execFileSync('sleep', ['0.3']);
    }
    return s;
  }

  /** squeue lines (job id, state) of these jobs; empty when all have ended. */
  queue(jobs: string[]): string[] {
    const r = spawnSync('squeue', ['-h', '-o', '%i %T', '-j', jobs.join(',')], { env: this.env, encoding: 'utf8' });
    // squeue fails on job ids that are no longer known: they have ended
    if (r.status !== 0) return [];
    return r.stdout.trim().split('\n').filter(Boolean);
  }

  async waitFor(jobs: string[], timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.queue(jobs).length) {
      if (Date.now() > end) throw new Error(`jobs ${jobs.join(', ')} still queued after ${timeoutMs / 1000} s: ${this.queue(jobs).join('; ')}\n${this.logs()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  scancel(job: string): void {
    execFileSync('scancel', [job], { env: this.env });
  }

  logs(): string {
    return ['log/slurmctld.log', 'log/slurmd.log']
      .map((f) => path.join(this.dir, f))
      .filter((f) => existsSync(f))
      .map((f) => `--- ${path.basename(f)} ---\n${readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
  }

  stop(): void {
    for (const pidFile of [...this.pids].reverse()) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
      } catch {
        // not running
      }
    }
    this.pids = [];
    execFileSync('sleep', ['0.5']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
