/**
 * zhou2022 Table 2's Std column as printed [V S1]: one value per group and
 * layer, Std(S_W1) and Std(S_W2). Beside zhou2022Table2 (./table2.ts), whose
 * rows they summarise: experiments/zhou2022-table2/aggregate.ts compares them
 * with the population standard deviation (np.std) of each group's three
 * printed S values.
 */
export const zhou2022Table2PrintedStd: Readonly<Record<1 | 2, { sW1: number; sW2: number }>> = {
  1: { sW1: 6.44e-3, sW2: 1.05e-2 },
  2: { sW1: 4.64e-3, sW2: 2.5e-3 },
};
