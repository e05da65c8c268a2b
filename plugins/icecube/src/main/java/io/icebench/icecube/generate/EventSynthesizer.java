package io.icebench.icecube.generate;

import io.icebench.icecube.Geometry;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes the pulses of one event into column arrays: which real DOMs are hit, how many pulses each gets, and the
 * time, charge and auxiliary flag of every pulse. One instance per thread: it owns scratch arrays sized for the
 * whole detector so that no event allocates.
 *
 * <p>The model, and the DATA.md figure each part is there for:
 * <ul>
 *   <li>DOMs per event (60 ± 55, median 50): {@code D ≈ 6.8·√P} with ±25% noise, so a 100,000-pulse event hits
 *       about 2,000 DOMs; never more than 80..100% of the pulses, so even small events have DOMs with two.</li>
 *   <li>Which DOMs (spatial clustering): a vertex next to a random DOM and an ellipsoid around the event's
 *       direction; every DOM on the strings nearest the vertex (all strings for big events) gets a noisy
 *       distance and the D closest are hit.</li>
 *   <li>Pulses per DOM (81% one, 13% two, a tail of hundreds): the closest DOMs take the surplus P − D: a share of
 *       the DOMs gets a second pulse, a share of those a third, and the rest of the surplus goes to those by
 *       log-normal weights. The shares grow with the surplus per DOM, so big events have busy DOMs.</li>
 *   <li>Time (span 11.6 ± 2.6 µs, overall 5,714..77,785 ns): a readout window starts just after 5,714 ns; the
 *       first and last pulses sit on its edges; auxiliary pulses are spread over it, the others arrive as light
 *       from the track would, plus scattering delays. Windows of events over 5,000 pulses are longer.</li>
 *   <li>Charge (0.025 + 0.05·n, median 1.075, mean 3.91, max ~2762): a single-photo-electron peak plus a truncated
 *       Pareto tail.</li>
 *   <li>Auxiliary (64% of an ordinary event's pulses, almost none in the largest): a per-event probability that
 *       falls with ln(P) above 1,000 pulses.</li>
 * </ul>
 */
final class EventSynthesizer {

    static final long MIN_TIME = 5_714;
    static final long MAX_TIME = 77_785;
    /** 0.025 + 0.05 · 55,239 = 2761.975, the largest quantised value not above the real maximum of 2762. */
    static final int MAX_CHARGE_STEP = 55_239;

    private static final int SENSORS = Geometry.SENSORS;
    private static final int DOMS = Geometry.DOMS_PER_STRING;

    // Sort keys pack time | auxiliary | sensor so one primitive sort orders a whole event; 5,160 ids fit 13 bits.
    private static final int SENSOR_BITS = 13;
    private static final long SENSOR_MASK = (1L << SENSOR_BITS) - 1;
    private static final long AUX_FLAG = 1L << SENSOR_BITS;
    private static final int TIME_SHIFT = SENSOR_BITS + 1;

    // DOMs per event.
    private static final double DOMS_PER_SQRT_PULSE = 6.8;
    private static final double DOM_NOISE_SIGMA = 0.25;
    private static final double DOM_NOISE_MIN = 0.75;
    private static final double DOM_NOISE_MAX = 1.33;
    /** Keeps the biggest events near the ~2,000..3,000 DOMs of real ones, well inside the detector. */
    private static final int MAX_DOMS = 3_400;

    // Pulses per DOM: the shares at a surplus of 0.26 pulses per DOM (a median event, 63 pulses on 50 DOMs),
    // growing as (surplus per DOM / 0.26)^SHARE_GROWTH. Tuned on 600,000 events against the pooled 81% one /
    // 13% two (measured 81.0% / 13.3%); the log-normal spread of the busy DOMs keeps the busiest DOM of a
    // 180,000-pulse event near 2,000 pulses rather than tens of thousands.
    private static final double TYPICAL_SURPLUS = 0.26;
    private static final double SECOND_PULSE_SHARE = 0.17;
    private static final double THIRD_PULSE_SHARE = 0.24;
    private static final double SHARE_GROWTH = 0.2;
    private static final double MAX_SECOND_PULSE_SHARE = 0.9;
    private static final double MAX_THIRD_PULSE_SHARE = 0.85;
    private static final double BUSY_WEIGHT_SIGMA = 0.7;

    // Time, ns. SIGNAL_AT was tuned so the median over all pulses is ~11,800 (DATA.md: 11,815).
    private static final double START_JITTER = 250;
    private static final double SPAN_MEAN = 11_600;
    private static final double SPAN_SD = 2_600;
    private static final double SPAN_MIN = 4_000;
    private static final double SPAN_MAX = 24_000;
    private static final double LONG_EVENT_PULSES = 5_000;
    private static final double LONG_EVENT_STRETCH = 1.5;
    /** Where in the window the track passes the vertex, as a fraction of the ordinary span. */
    private static final double SIGNAL_AT = 0.44;
    private static final double SCATTER_DELAY = 200;
    private static final double LATE_PULSE_SHARE = 0.03;
    private static final double PARTICLE_SPEED = 0.2998; // m/ns
    private static final double LIGHT_SPEED_IN_ICE = 0.2998 / 1.32;

    // Charge, photo-electrons: 80% a Gaussian single-photo-electron peak, 20% a Pareto tail from 1.5 truncated at
    // 2762. With the tail's share and start fixed, alpha was solved for the mean 3.91 (the truncated Pareto's mean
    // is xm·a/(a−1)·(1 − (xm/max)^(a−1)) / (1 − (xm/max)^a)) and the peak's mean for the median 1.075.
    private static final double SPE_MEAN = 1.0;
    private static final double SPE_SD = 0.3;
    private static final double TAIL_SHARE = 0.2;
    private static final double TAIL_MIN = 1.5;
    private static final double TAIL_ALPHA = 0.8917;
    private static final double MAX_CHARGE = 2762;
    /** Share of the Pareto's mass below MAX_CHARGE: sampling u·this truncates the tail without a spike at the top. */
    private static final double TAIL_TRUNCATION = 1 - Math.pow(TAIL_MIN / MAX_CHARGE, TAIL_ALPHA);

    // Auxiliary.
    private static final double AUX_SHARE = 0.64;
    private static final double AUX_JITTER = 0.16;
    private static final double AUX_FADE_FROM = 1_000;
    /** ln(40): the share reaches the floor at 40 · AUX_FADE_FROM pulses. */
    private static final double AUX_FADE_LOG_RANGE = Math.log(40);
    private static final double AUX_FLOOR = 0.01;

    private static final double[] X;
    private static final double[] Y;
    private static final double[] Z;
    /** For every string (0-based), all strings by horizontal distance from it, itself first. */
    private static final int[][] NEAREST_STRINGS;

    static {
        Geometry geometry = Geometry.embedded();
        X = geometry.xs();
        Y = geometry.ys();
        Z = geometry.zs();
        int strings = Geometry.STRINGS;
        double[] stringX = new double[strings];
        double[] stringY = new double[strings];
        for (int id = 0; id < SENSORS; id++) {
            stringX[id / DOMS] += X[id] / DOMS;
            stringY[id / DOMS] += Y[id] / DOMS;
        }
        NEAREST_STRINGS = new int[strings][];
        for (int from = 0; from < strings; from++) {
            long[] keyed = new long[strings];
            for (int to = 0; to < strings; to++) {
                double distance = Math.hypot(stringX[to] - stringX[from], stringY[to] - stringY[from]);
                // Millimetres then index: a total order that breaks ties by string number.
                keyed[to] = (Math.round(distance * 1000) << 8) | to;
            }
            Arrays.sort(keyed);
            NEAREST_STRINGS[from] = new int[strings];
            for (int k = 0; k < strings; k++) {
                NEAREST_STRINGS[from][k] = (int) (keyed[k] & 0xFF);
            }
        }
    }

    /** Candidate DOMs as (noisy squared distance bits | sensor id); the first D end up being the hit DOMs. */
    private final long[] candidates = new long[SENSORS];
    private final int[] pulsesOnDom = new int[SENSORS];
    private final double[] cumulativeWeight = new double[SENSORS];

    /**
     * Writes an event's {@code pulses} rows at {@code offset} of the arrays, sorted by time. {@code time} holds
     * sort keys while the event is built, so it must have room for them (it always has: one per row).
     */
    void write(SplittableRandom random, int pulses, double azimuth, double zenith,
               short[] sensor, long[] time, double[] charge, boolean[] auxiliary, int offset) {
        int doms = domCount(random, pulses);

        // The particle travels away from the direction it came from, which is what (azimuth, zenith) name.
        double sinZenith = Math.sin(zenith);
        double dirX = -sinZenith * Math.cos(azimuth);
        double dirY = -sinZenith * Math.sin(azimuth);
        double dirZ = -Math.cos(zenith);
        int seed = random.nextInt(SENSORS);
        double vertexX = X[seed] + (random.nextDouble() - 0.5) * 30;
        double vertexY = Y[seed] + (random.nextDouble() - 0.5) * 30;
        double vertexZ = Z[seed] + (random.nextDouble() - 0.5) * 30;
        selectDoms(random, doms, seed / DOMS, vertexX, vertexY, vertexZ, dirX, dirY, dirZ);
        spreadPulses(random, pulses, doms);

        long start = MIN_TIME + (long) (-Math.log(1 - random.nextDouble()) * START_JITTER);
        double ordinarySpan = Math.min(SPAN_MAX, Math.max(SPAN_MIN, SPAN_MEAN + SPAN_SD * random.nextGaussian()));
        double span = pulses > LONG_EVENT_PULSES
                ? ordinarySpan * (1 + LONG_EVENT_STRETCH * Math.log(pulses / LONG_EVENT_PULSES)) : ordinarySpan;
        long end = Math.min(MAX_TIME, start + (long) span);
        double window = end - start;
        double trackTime = start + SIGNAL_AT * ordinarySpan;
        double auxShare = auxShare(random, pulses);

        int row = offset;
        for (int j = 0; j < doms; j++) {
            long id = candidates[j] & SENSOR_MASK;
            double dx = X[(int) id] - vertexX;
            double dy = Y[(int) id] - vertexY;
            double dz = Z[(int) id] - vertexZ;
            double along = dx * dirX + dy * dirY + dz * dirZ;
            double across = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along));
            double arrival = trackTime + along / PARTICLE_SPEED + across / LIGHT_SPEED_IN_ICE;
            for (int n = pulsesOnDom[j]; n > 0; n--) {
                boolean aux = random.nextDouble() < auxShare;
                double t;
                if (aux) {
                    t = start + random.nextDouble() * window;
                } else if (random.nextDouble() < LATE_PULSE_SHARE) {
                    t = arrival + random.nextDouble() * (end - arrival);
                } else {
                    t = arrival - Math.log(1 - random.nextDouble()) * SCATTER_DELAY;
                }
                long clamped = Math.max(start, Math.min(end, (long) t));
                time[row++] = (clamped << TIME_SHIFT) | (aux ? AUX_FLAG : 0) | id;
            }
        }
        unpack(random, offset, pulses, start, end, sensor, time, charge, auxiliary);
    }

    /**
     * Sorts the event's sort keys in {@code time[offset..offset + pulses)} by time, pins its first and last pulse
     * to the window's edges {@code start} and {@code end}, and unpacks every key into its columns, drawing each
     * pulse's charge in time order.
     */
    private static void unpack(SplittableRandom random, int offset, int pulses, long start, long end,
                               short[] sensor, long[] time, double[] charge, boolean[] auxiliary) {
        int last = offset + pulses - 1;
        Arrays.sort(time, offset, last + 1);
        // Pin the window's edges so the event spans exactly the drawn window; the order cannot change.
        time[offset] = (start << TIME_SHIFT) | (time[offset] & (AUX_FLAG | SENSOR_MASK));
        time[last] = (end << TIME_SHIFT) | (time[last] & (AUX_FLAG | SENSOR_MASK));
        for (int i = offset; i <= last; i++) {
            long key = time[i];
            sensor[i] = (short) (key & SENSOR_MASK);
            auxiliary[i] = (key & AUX_FLAG) != 0;
            time[i] = key >>> TIME_SHIFT;
            charge[i] = charge(random);
        }
    }

    /** DOMs hit by an event of {@code pulses} pulses: at least 1, at most the pulses and {@value #MAX_DOMS}. */
    static int domCount(SplittableRandom random, int pulses) {
        double noise = Math.min(DOM_NOISE_MAX, Math.max(DOM_NOISE_MIN,
                Math.exp(DOM_NOISE_SIGMA * random.nextGaussian())));
        double fromRoot = DOMS_PER_SQRT_PULSE * Math.sqrt(pulses) * noise;
        double fromPulses = pulses * (0.8 + 0.2 * random.nextDouble());
        long doms = Math.round(Math.min(fromRoot, fromPulses));
        return (int) Math.max(1, Math.min(Math.min(pulses, MAX_DOMS), doms));
    }

    /**
     * Leaves the {@code doms} hit DOMs in {@code candidates[0..doms)}, closest (by noisy distance) first. Candidates
     * are all DOMs on the strings nearest the vertex: enough strings to offer at least 3·doms + 180 of them.
     */
    private void selectDoms(SplittableRandom random, int doms, int seedString, double vertexX, double vertexY,
                            double vertexZ, double dirX, double dirY, double dirZ) {
        double elongation;
        if (doms > 300) {
            elongation = 3 + 5 * random.nextDouble();
        } else if (random.nextBoolean()) {
            elongation = 2 + 4 * random.nextDouble();
        } else {
            elongation = 1 + 0.5 * random.nextDouble();
        }
        double alongWeight = 1 / (elongation * elongation);
        int strings = Math.min(Geometry.STRINGS, 3 + (doms + 19) / 20);
        int[] nearest = NEAREST_STRINGS[seedString];
        int count = 0;
        for (int k = 0; k < strings; k++) {
            int first = nearest[k] * DOMS;
            for (int id = first; id < first + DOMS; id++) {
                double dx = X[id] - vertexX;
                double dy = Y[id] - vertexY;
                double dz = Z[id] - vertexZ;
                double along = dx * dirX + dy * dirY + dz * dirZ;
                double across2 = Math.max(0, dx * dx + dy * dy + dz * dz - along * along);
                double score = (across2 + along * along * alongWeight) * (0.5 + random.nextDouble());
                // A non-negative float's bits order like the float; the id makes every key distinct.
                candidates[count++] = ((long) Float.floatToRawIntBits((float) score) << SENSOR_BITS) | id;
            }
        }
        selectSmallest(candidates, count, doms);
        Arrays.sort(candidates, 0, doms);
    }

    /**
     * Sets {@code pulsesOnDom[0..doms)} to counts of at least 1 summing to {@code pulses}; the closest DOMs get the
     * surplus.
     */
    private void spreadPulses(SplittableRandom random, int pulses, int doms) {
        Arrays.fill(pulsesOnDom, 0, doms, 1);
        int surplus = pulses - doms;
        if (surplus == 0) {
            return;
        }
        double growth = Math.pow((double) surplus / doms / TYPICAL_SURPLUS, SHARE_GROWTH);
        int second = (int) Math.min(surplus,
                Math.max(1, Math.round(doms * Math.min(MAX_SECOND_PULSE_SHARE, SECOND_PULSE_SHARE * growth))));
        int third = (int) Math.min(surplus - second,
                Math.round(second * Math.min(MAX_THIRD_PULSE_SHARE, THIRD_PULSE_SHARE * growth)));
        int rest = surplus - second - third;
        if (third == 0 && rest > 0) {
            third = 1;
            rest--;
        }
        for (int j = 0; j < second; j++) {
            pulsesOnDom[j]++;
        }
        for (int j = 0; j < third; j++) {
            pulsesOnDom[j]++;
        }
        if (rest == 0) {
            return;
        }
        double total = 0;
        for (int j = 0; j < third; j++) {
            total += Math.exp(BUSY_WEIGHT_SIGMA * random.nextGaussian());
            cumulativeWeight[j] = total;
        }
        // Systematic sampling: exact total, each DOM within one pulse of its expected share.
        double scale = rest / total;
        double phase = random.nextDouble();
        long before = 0;
        for (int j = 0; j < third; j++) {
            long upTo = j == third - 1 ? rest : (long) Math.floor(cumulativeWeight[j] * scale + phase);
            upTo = Math.min(rest, upTo);
            pulsesOnDom[j] += (int) (upTo - before);
            before = upTo;
        }
    }

    /** P(auxiliary) for the pulses of one event. */
    private static double auxShare(SplittableRandom random, int pulses) {
        double share = AUX_SHARE + AUX_JITTER * (random.nextDouble() - 0.5);
        if (pulses > AUX_FADE_FROM) {
            share *= Math.max(0, 1 - Math.log(pulses / AUX_FADE_FROM) / AUX_FADE_LOG_RANGE);
        }
        return Math.max(AUX_FLOOR, share);
    }

    /** A charge of exactly {@code 0.025 + 0.05 * n}, as that expression evaluates, for n in 0..55,239. */
    static double charge(SplittableRandom random) {
        double photoElectrons;
        if (random.nextDouble() < TAIL_SHARE) {
            photoElectrons = TAIL_MIN * Math.pow(1 - random.nextDouble() * TAIL_TRUNCATION, -1 / TAIL_ALPHA);
        } else {
            photoElectrons = SPE_MEAN + SPE_SD * random.nextGaussian();
        }
        long n = Math.round((photoElectrons - 0.025) / 0.05);
        n = Math.max(0, Math.min(MAX_CHARGE_STEP, n));
        return 0.025 + 0.05 * n;
    }

    /** Moves the {@code k} smallest of {@code keys[0..count)} to the front, in no particular order. */
    static void selectSmallest(long[] keys, int count, int k) {
        int low = 0;
        int high = count - 1;
        while (low < high && k < count) {
            int mid = (low + high) >>> 1;
            long pivot = medianOf3(keys[low], keys[mid], keys[high]);
            int i = low;
            int j = high;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = keys[i];
                    keys[i] = keys[j];
                    keys[j] = swap;
                    i++;
                    j--;
                }
            }
            // Now keys[low..j] <= pivot <= keys[i..high] and everything between equals the pivot.
            if (k - 1 <= j) {
                high = j;
            } else if (k - 1 >= i) {
                low = i;
            } else {
                return;
            }
        }
    }

    private static long medianOf3(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
