package org.jingzhun.interchange.demonstration;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Drawing from weights, and the streams of random numbers that make each household's content depend on the seed alone. */
final class Draws {

    private Draws() {
    }

    /** Running sums of the weights. */
    static double[] cumulative(double[] weights) {
        double[] sums = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            sums[i] = total;
        }
        return sums;
    }

    /** An index drawn with probability proportional to its weight, given the running sums of the weights. */
    static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return Math.min(index >= 0 ? index + 1 : -index - 1, cumulative.length - 1);
    }

    /**
     * A generator for one household and one purpose (its members, its names, its income...): SplitMix64's
     * finaliser over seed, household and stream, so that the passes over the households, which write different
     * tables, draw the same household again without keeping it.
     */
    static SplittableRandom stream(long seed, long household, int stream) {
        long z = seed + household * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /**
     * Splits {@code total} into whole parts proportional to the weights, the parts summing to exactly {@code total}
     * (largest remainders), none above its {@code cap} when caps are given.
     */
    static long[] apportion(double[] weights, long total, long[] caps) {
        double sum = 0;
        for (double weight : weights) {
            sum += weight;
        }
        long[] parts = new long[weights.length];
        double[] remainders = new double[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = sum == 0 ? 0 : weights[i] / sum * total;
            parts[i] = (long) Math.floor(exact);
            if (caps != null && parts[i] > caps[i]) {
                parts[i] = caps[i];
            }
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        Integer[] order = new Integer[weights.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> remainders[b] != remainders[a] ? Double.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
        // Usually one round; more when caps left some of the total over.
        while (given < total) {
            long before = given;
            for (int i = 0; i < order.length && given < total; i++) {
                int index = order[i];
                if (caps == null || parts[index] < caps[index]) {
                    parts[index]++;
                    given++;
                }
            }
            if (given == before) {
                throw new IllegalArgumentException("Cannot place " + total + " within the caps");
            }
        }
        return parts;
    }
}
