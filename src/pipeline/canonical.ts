/**
 * The texts that cache keys and result digests hash, with no Node imports:
 * the same code runs in the pipeline (hashing.ts, keys.ts, integrity.ts,
 * hashed there with node:crypto) and in the browser (the re-run island,
 * src/components/islands/rerun.ts, hashed with WebCrypto), so that both hash
 * the same bytes.
 */
import stringify from 'safe-stable-stringify';

/** Bump when the meaning of a stored result changes for every experiment. */
export const KEY_FORMAT = 1;

/** JSON with object keys sorted at every level: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error('canonicalJson: value is not serialisable');
  return text;
}

/** The text whose SHA-256 is a cell's key (keys.ts, cellKey). */
export function cellKeyText(inputs: object): string {
  return canonicalJson({ format: KEY_FORMAT, kind: 'cell', ...inputs });
}

/** The text whose SHA-256 is an aggregate's key (keys.ts, aggregateKey). */
export function aggregateKeyText(inputs: object): string {
  return canonicalJson({ format: KEY_FORMAT, kind: 'aggregate', ...inputs });
}

/** The text whose SHA-256 is a result's digest (integrity.ts, resultDigest): the value as it reads back from JSON (NaN and ±Infinity become null). */
export function resultDigestText(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value) ?? 'null'));
}
