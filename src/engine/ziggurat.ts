/**
 * Fast seeded standard normal draws for large initialisations (the W² of a
 * three-layer net is (m+1)·m normals: 10^8 at m = 10000).
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018; 32-bit words, period
 * 2^128 − 1), its state seeded from an integer seed by splitmix32.
 * Normals: the ziggurat method (Marsaglia & Tsang 2000, J. Stat. Softw. 5(8))
 * with 128 layers. Each draw takes one 32-bit word: bits 0–6 pick the layer,
 * bit 7 the sign, bits 8–31 the uniform position in the layer (24 bits: the
 * float32 resolution of the stored weights). The layer index and the uniform
 * come from disjoint bits (the correlation of the original RNOR, which reuses
 * the index bits in the value, is avoided). About 99 % of draws are accepted
 * in the rectangle of their layer (a multiply and a compare); the rest go to
 * the wedge test (one exp) or, in the base layer, to Marsaglia's tail method
 * (two logs).
 *
 * Not the stream of d3-random (./random.ts), so the same seed gives other
 * values than normalSource: initialisations made with it say so
 * (ThreeLayerInitGenerator 'ziggurat' in ./threeLayer/params.ts).
 */

const LAYERS = 128;
/** x-coordinate where the tail starts, and the common area of the layers (Marsaglia & Tsang, 128 layers) */
const R = 3.442619855899;
const V = 9.91256303526217e-3;

/** right edges of the layers: X[0] = V / f(R) (the base layer with the tail), X[1] = R, …, X[128] = 0 */
const X = new Float64Array(LAYERS + 1);
/** f(X[i]) with f(x) = exp(−x²/2) */
const F = new Float64Array(LAYERS + 1);
/** X[i+1] / X[i]: a uniform u < K[i] falls in the part of layer i under the curve */
const K = new Float64Array(LAYERS);
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  X[1] = R;
  F[1] = f(R);
  X[0] = V / F[1];
  F[0] = 0;
  for (let i = 1; i < LAYERS - 1; i++) {
    X[i + 1] = Math.sqrt(-2 * Math.log(V / X[i] + F[i]));
    F[i + 1] = f(X[i + 1]);
  }
  X[LAYERS] = 0;
  F[LAYERS] = 1;
  for (let i = 0; i < LAYERS; i++) K[i] = X[i + 1] / X[i];
}

const U24 = 2 ** -24;
/** entries per block of fill() (part of the stream's definition: the words of a block's rejected draws follow the block's first words) */
const BLOCK = 65536;
const U32 = 2 ** -32;

/** A seeded stream of standard normals (ziggurat on xoshiro128**). */
export class ZigguratNormal {
  /** xoshiro128** state */
  private readonly s = new Int32Array(4);
  /** (entry, word) of the draws of a block that the first pass rejected */
  private readonly rejected = new Int32Array(2 * BLOCK);

  constructor(seed: number) {
    // splitmix32 from the integer seed
    let a = seed | 0;
    for (let k = 0; k < 4; k++) {
      a = (a + 0x9e3779b9) | 0;
      let t = a ^ (a >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      this.s[k] = t ^ (t >>> 15);
    }
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /**
   * Fill `out` with draws from N(0, std²) (each rounded once to float32, as
   * normalArray of ./random.ts). By blocks of BLOCK entries, two passes each:
   * the first takes one word per entry and accepts about 97 % of them in their
   * rectangle; then the entries it rejected are finished in order by slow(),
   * which draws the words that follow. (A call or an array push in the first
   * pass makes it 2–3 times slower.) So the words an entry uses depend on the
   * block it falls in: the values depend on the sequence of fill lengths (as
   * initThreeLayer's fixed order of draws), not only on the seed.
   */
  fill(out: Float32Array, std = 1): Float32Array {
    const st = this.s;
    const Xl = X;
    const Kl = K;
    const rejected = this.rejected;
    for (let start = 0; start < out.length; start += BLOCK) {
      const end = Math.min(start + BLOCK, out.length);
      let s0 = st[0];
      let s1 = st[1];
      let s2 = st[2];
      let s3 = st[3];
      let nr = 0;
      for (let n = start; n < end; n++) {
        // xoshiro128**: r = the next 32-bit word (as int32), state advanced (inlined: this loop is the hot path)
        const m = Math.imul(s1, 5);
        const r = Math.imul((m << 7) | (m >>> 25), 9);
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const i = r & 127;
        const u = (r >>> 8) * U24;
        if (u < Kl[i]) {
          // ±std without a branch on the sign bit (a random branch costs more than the rest of the draw)
          out[n] = (std - ((r >>> 6) & 2) * std) * u * Xl[i];
        } else {
          rejected[nr++] = n;
          rejected[nr++] = r;
        }
      }
      st[0] = s0;
      st[1] = s1;
      st[2] = s2;
      st[3] = s3;
      for (let q = 0; q < nr; q += 2) out[rejected[q]] = std * this.slow(rejected[q + 1]);
    }
    return out;
  }

  /** One standard normal from the first word r (int32; rejected by its rectangle), drawing more words as needed. */
  private slow(first: number): number {
    let r = first;
    for (;;) {
      const i = r & 127;
      const u = (r >>> 8) * U24;
      const x = u * X[i];
      if (u < K[i]) return r & 128 ? -x : x;
      if (i === 0) {
        // the tail x > R (Marsaglia 1964), uniforms in (0, 1]
        let a: number;
        let b: number;
        do {
          a = -Math.log((this.next() + 1) * U32) / R;
          b = -Math.log((this.next() + 1) * U32);
        } while (b + b < a * a);
        return r & 128 ? -(R + a) : R + a;
      }
      // the wedge of layer i: a uniform height between f(X[i]) and f(X[i+1]), accepted below the curve at x
      const y = F[i] + this.next() * U32 * (F[i + 1] - F[i]);
      if (y < Math.exp(-0.5 * x * x)) return r & 128 ? -x : x;
      r = this.next();
    }
  }

  /** xoshiro128**: the next 32-bit word (unsigned). */
  private next(): number {
    const st = this.s;
    const m = Math.imul(st[1], 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = st[1] << 9;
    st[2] ^= st[0];
    st[3] ^= st[1];
    st[1] ^= st[2];
    st[0] ^= st[3];
    st[2] ^= t;
    st[3] = (st[3] << 11) | (st[3] >>> 21);
    return r;
  }
}
