package org.jingzhun.interchange.demonstration;

/**
 * The standard normal distribution function and its inverse, from a table of the function on [-8, 8] made
 * once by integrating the density (Simpson's rule on each step): Java has no erf, and a table read with linear
 * interpolation is exact enough (about 1e-7) for drawing incomes.
 */
final class StandardNormal {

    private static final double LIMIT = 8;
    private static final int STEPS = 32_000;
    private static final double STEP = 2 * LIMIT / STEPS;
    /** CDF[i] = Φ(-LIMIT + i * STEP). */
    private static final double[] CDF = new double[STEPS + 1];

    static {
        double sum = 0; // Φ(-8) is 6e-16: starting from 0 loses nothing that matters here
        CDF[0] = 0;
        for (int i = 1; i <= STEPS; i++) {
            double a = -LIMIT + (i - 1) * STEP;
            double b = a + STEP;
            sum += STEP / 6 * (density(a) + 4 * density((a + b) / 2) + density(b));
            CDF[i] = sum;
        }
        // Normalise the rounding of the integral so that the table ends at exactly 1.
        for (int i = 1; i <= STEPS; i++) {
            CDF[i] /= sum;
        }
    }

    private StandardNormal() {
    }

    static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    /** Φ(x). */
    static double cdf(double x) {
        if (x <= -LIMIT) {
            return 0;
        }
        if (x >= LIMIT) {
            return 1;
        }
        double position = (x + LIMIT) / STEP;
        int i = Math.min((int) position, STEPS - 1);
        double within = position - i;
        return CDF[i] + within * (CDF[i + 1] - CDF[i]);
    }

    /** Φ⁻¹(p) for p in (0, 1); the ends of the table for 0 and 1. */
    static double quantile(double p) {
        if (p <= 0) {
            return -LIMIT;
        }
        if (p >= 1) {
            return LIMIT;
        }
        int low = 0;
        int high = STEPS;
        while (high - low > 1) {
            int middle = (low + high) >>> 1;
            if (CDF[middle] <= p) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double span = CDF[high] - CDF[low];
        double within = span <= 0 ? 0 : (p - CDF[low]) / span;
        return -LIMIT + (low + within) * STEP;
    }
}
