package io.icebench.icecube.generate;

/**
 * The distribution of pulses per event, as an inverse CDF: the pulse count is interpolated log-linearly in
 * {@code u} between quantile knots, so within a segment it is log-uniform and every quantile at a knot is exact.
 *
 * <p>Knots up to p99 are the published quantiles of the real training set (DATA.md). The tail beyond p99 is not
 * published beyond "mean 164.4, max 178,250, about one event over 100,000 pulses per 200,000-event batch", and it
 * carries half of all pulses, so it was fitted: P(&gt;50,000) = 1.5e-5 and P(&gt;100,000) = 5e-6 are fixed, the
 * maximum is 180,000, and between 1,000 and 50,000 pulses the density per unit of ln(pulses) follows a logistic
 * shoulder {@code c(y) = A / (1 + exp((y − y1) / 0.2))}, {@code y = ln(pulses / 1000)}, evaluated at each
 * segment's middle. {@code A} makes the segments hold the mass between p99 and 1 − 1.5e-5, and {@code y1} was
 * solved (scipy brentq over the exact mean of log-linear segments, {@code (u1 − u0)(b − a) / ln(b / a)}) so that
 * the mean is 164.4: {@code y1 = 3.2128} (a shoulder near 24,800 pulses), {@code A = 0.00311}. The shoulder keeps
 * the density decreasing beyond the mode (a plain power law through p99 and the 50,000 point gives a mean of only
 * about 110); the survival values below are that fit rounded to four digits, which leaves the mean at 164.40 and
 * the standard deviation at about 1,160 pulses (so a 200,000-event sample's mean has a standard error near 2.6).
 */
final class PulseCounts {

    /** Pulses at or above which an event counts as extreme. */
    static final int EXTREME = 50_000;
    static final int MAX = 180_000;

    /** Pulse counts at the knots. */
    private static final double[] PULSES = {
        5, 48, 63, 89, 145, 222, 1_000,
        1_500, 2_000, 3_000, 4_000, 6_000, 8_000, 11_000, 15_000, 20_000, 25_000, 30_000, 35_000, 40_000, 45_000,
        EXTREME, 100_000, MAX,
    };

    /** P(pulses &gt; knot): 1 − u at each knot. */
    private static final double[] SURVIVAL = {
        1, 0.75, 0.5, 0.25, 0.1, 0.05, 0.01,
        8.739e-3, 7.844e-3, 6.583e-3, 5.688e-3, 4.427e-3, 3.534e-3, 2.551e-3, 1.620e-3, 8.517e-4, 4.151e-4,
        1.991e-4, 9.859e-5, 5.107e-5, 2.744e-5,
        1.5e-5, 5e-6, 0,
    };

    private static final double[] U = new double[SURVIVAL.length];
    private static final double[] LOG_PULSES = new double[PULSES.length];

    /** The u at which the extreme region starts. */
    static final double EXTREME_U;

    static {
        for (int i = 0; i < U.length; i++) {
            U[i] = 1 - SURVIVAL[i];
            LOG_PULSES[i] = Math.log(PULSES[i]);
        }
        EXTREME_U = U[PULSES.length - 3];
    }

    private PulseCounts() {
    }

    /** The pulse count at quantile {@code u} in [0, 1): between 5 and {@value #MAX}. */
    static int quantile(double u) {
        int segment = segmentOf(u);
        double fraction = (u - U[segment]) / (U[segment + 1] - U[segment]);
        double pulses = Math.exp(LOG_PULSES[segment] + fraction * (LOG_PULSES[segment + 1] - LOG_PULSES[segment]));
        return (int) Math.min(MAX, Math.floor(pulses + 0.5));
    }

    /** A pulse count from the extreme region ({@value #EXTREME}..{@value #MAX}), with the tail's own shape. */
    static int extreme(double u) {
        return Math.max(EXTREME, quantile(EXTREME_U + u * (1 - EXTREME_U)));
    }

    private static int segmentOf(double u) {
        int low = 0;
        int high = U.length - 2;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (U[mid] <= u) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    /** The exact mean of the interpolated distribution (before rounding to whole pulses). */
    static double mean() {
        double mean = 0;
        for (int i = 0; i + 1 < PULSES.length; i++) {
            double a = PULSES[i];
            double b = PULSES[i + 1];
            mean += (U[i + 1] - U[i]) * (b - a) / Math.log(b / a);
        }
        return mean;
    }
}
