/** A progress bar over cells: done/total, ETA, the cell being run. */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Fractional cells done (a cell in progress counts its fraction). */
  update(done: number, label: string): void;
  stop(): void;
}

/** 45 s, 1 min, 12 min 5 s, 2 h 3 min */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  const t = Math.round(s);
  if (t < 60) return `${t} s`;
  if (t < 3600) return `${Math.floor(t / 60)} min${t % 60 ? ` ${t % 60} s` : ''}`;
  return `${Math.floor(t / 3600)} h ${Math.floor((t % 3600) / 60)} min`;
}

/**
 * Progress as plain lines, for a log file or CI (a stream that is not a terminal): a line whenever a cell
 * finishes, and at most every `everyMs` while one runs. It is written from update() itself, not from a timer:
 * with --jobs 1 the cells run on the main thread, and a timer would not fire until the run ends.
 */
export function lineProgress(total: number, stream: Pick<NodeJS.WritableStream, 'write'>, everyMs = 15_000, now: () => number = Date.now): Progress {
  const t0 = now();
  let lastAt = t0;
  let lastWhole = 0;
  const write = (done: number, label: string) => {
    const elapsed = (now() - t0) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : Number.NaN;
    stream.write(
      `cells ${Math.floor(done + 1e-9)}/${total} (${((100 * done) / total).toFixed(1)} %) | elapsed ${formatSeconds(elapsed)} | ETA ${formatSeconds(eta)}${label ? ` | ${label}` : ''}\n`,
    );
    lastAt = now();
  };
  write(0, '');
  return {
    update(done, label) {
      const whole = Math.floor(done + 1e-9);
      if (whole > lastWhole || now() - lastAt >= everyMs) write(done, label);
      lastWhole = Math.max(lastWhole, whole);
    },
    stop() {
      if (lastWhole < total) write(lastWhole, 'stopped');
    },
  };
}

export function cellProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return lineProgress(total, stream);
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'cells {bar} {done}/{total} | elapsed {duration_formatted} | ETA {eta_formatted} | {label}',
      etaBuffer: 50,
      etaAsynchronousUpdate: true,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { done: 0, label: '' });
  return {
    update(done, label) {
      bar.update(done, { done: Math.floor(done + 1e-9), label });
    },
    stop() {
      bar.stop();
    },
  };
}
