package io.github.scrapyd4j.bench;

import java.util.Arrays;

/** Medians and percentiles of the samples the paired benchmarks keep. */
final class Samples {
  private Samples() {}

  static double median(long[] values) {
    return percentile(values, 0.5);
  }

  static double percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN
        : sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }

  /** The per-round ratios {@code numerators[i] / denominators[i]}. */
  static double[] ratios(long[] numerators, long[] denominators) {
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = (double) numerators[i] / denominators[i];
    }
    return ratios;
  }
}
