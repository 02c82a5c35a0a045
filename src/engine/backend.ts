/**
 * The TensorFlow.js backend, chosen at run time: the native `tensorflow`
 * backend where `@tensorflow/tfjs-node` is importable, else `wasm`.
 * The chosen name is recorded in every result's provenance and cache key.
 */
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let chosen: BackendName | undefined;

async function tryBackend(name: BackendName, load: () => Promise<unknown>): Promise<boolean> {
  try {
    await load();
  } catch {
    return false;
  }
  if (!tf.findBackendFactory(name)) return false;
  const ok = await tf.setBackend(name);
  if (ok) await tf.ready();
  return ok;
}

/**
 * Select the backend once per process. `CC_BACKEND` forces one (for tests
 * and benchmarks); otherwise tensorflow, then wasm. Throws if none works.
 */
export async function initBackend(forced = process.env.CC_BACKEND as BackendName | undefined): Promise<BackendName> {
  if (chosen) return chosen;
  const candidates: [BackendName, () => Promise<unknown>][] = [
    ['tensorflow', () => import('@tensorflow/tfjs-node' as string)],
    ['wasm', () => import('@tensorflow/tfjs-backend-wasm')],
    ['cpu', async () => undefined],
  ];
  for (const [name, load] of candidates) {
    if (forced && name !== forced) continue;
    if (await tryBackend(name, load)) {
      chosen = name;
      return name;
    }
    if (forced) throw new Error(`backend "${forced}" (from CC_BACKEND) could not be initialised`);
  }
  throw new Error('no TensorFlow.js backend could be initialised (tried tensorflow, wasm, cpu)');
}

/** The backend a process would use, without initialising it twice. */
export function currentBackend(): BackendName {
  if (!chosen) throw new Error('initBackend() has not been called');
  return chosen;
}

export { tf };
