/**
 * The last `npm run verify` (results/verification.json, when there is one),
 * as a sentence for the site's footer.
 */
import type { VerifyRecord } from '../pipeline/verify';

const found = import.meta.glob<VerifyRecord>('../../results/verification.json', { eager: true, import: 'default' });

export function verificationText(record: VerifyRecord | undefined = Object.values(found)[0]): string | undefined {
  if (record?.format !== 1) return undefined;
  const s = record.sample;
  const when = `${record.date.slice(0, 10)}, commit ${record.commit ? record.commit.slice(0, 7) : 'unknown'}${record.dirty ? ' with uncommitted changes' : ''}`;
  const rerun = s.identical + s.differing + s.failed;
  const entries = record.integrity.cells + record.integrity.aggregates;
  if (record.result === 'pass') {
    return (
      `Last verification (npm run verify, ${when}): ${rerun} stored training run${rerun === 1 ? '' : 's'}, a seeded sample from ${s.strataSampled} ` +
      `experiment/profile strata, re-run and bit-identical to the stored results; the key and digest of all ${entries} stored entries checked.`
    );
  }
  const wrong = [
    s.differing ? `${s.differing} of ${rerun} re-run training runs differ from the stored results` : '',
    s.failed ? `${s.failed} failed` : '',
    record.integrity.problems.length ? `${record.integrity.problems.length} integrity problem(s) in the store` : '',
  ].filter(Boolean);
  return `Last verification (npm run verify, ${when}) FAILED: ${wrong.join(', ')}.`;
}
