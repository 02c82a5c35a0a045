/**
 * Activation functions σ and their derivatives σ', as TensorFlow.js ops.
 * Multiplicity p (chen2023): σ^(k)(0) = 0 for k < p, σ^(p)(0) ≠ 0.
 */
import { tf } from './backend.js';

export type ActivationName = 'relu' | 'tanh' | 'sigmoid' | 'softplus' | 'xtanh' | 'sigmoid0' | 'softplus0';

export interface Activation {
  name: ActivationName;
  sigma: (h: tf.Tensor) => tf.Tensor;
  dsigma: (h: tf.Tensor) => tf.Tensor;
}

export const activations: Record<ActivationName, Activation> = {
  relu: { name: 'relu', sigma: (h) => tf.relu(h), dsigma: (h) => tf.step(h) },
  tanh: {
    name: 'tanh',
    sigma: (h) => tf.tanh(h),
    dsigma: (h) => tf.sub(1, tf.square(tf.tanh(h))),
  },
  sigmoid: {
    name: 'sigmoid',
    sigma: (h) => tf.sigmoid(h),
    dsigma: (h) => {
      const s = tf.sigmoid(h);
      return tf.mul(s, tf.sub(1, s));
    },
  },
  softplus: { name: 'softplus', sigma: (h) => tf.softplus(h), dsigma: (h) => tf.sigmoid(h) },
  // Shifted so that σ(0) = 0, the class of chen2023 (multiplicity p = 1):
  // sigmoid(h) − 1/2 and softplus(h) − log 2. Their derivatives are unchanged.
  sigmoid0: {
    name: 'sigmoid0',
    sigma: (h) => tf.sub(tf.sigmoid(h), 0.5),
    dsigma: (h) => {
      const s = tf.sigmoid(h);
      return tf.mul(s, tf.sub(1, s));
    },
  },
  softplus0: { name: 'softplus0', sigma: (h) => tf.sub(tf.softplus(h), Math.LN2), dsigma: (h) => tf.sigmoid(h) },
  xtanh: {
    name: 'xtanh',
    sigma: (h) => tf.mul(h, tf.tanh(h)),
    // d/dh [h tanh h] = tanh h + h (1 − tanh² h)
    dsigma: (h) => {
      const t = tf.tanh(h);
      return tf.add(t, tf.mul(h, tf.sub(1, tf.square(t))));
    },
  },
};
