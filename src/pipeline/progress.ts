/** A progress bar over cells: done/total, ETA, the cell being run. */
import cliProgress from 'cli-progress';

export interface Progress {
  /** Fractional cells done (a cell in progress counts its fraction). */
  update(done: number, label: string): void;
  stop(): void;
}

export function cellProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'cells {bar} {done}/{total} | elapsed {duration_formatted} | ETA {eta_formatted} | {label}',
      noTTYOutput: true,
      notTTYSchedule: 15_000,
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
