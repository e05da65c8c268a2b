package io.icebench.icecube;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Detector geometry: the position of every DOM, indexed by {@code sensor_id}, as primitive arrays.
 *
 * <p>86 strings of 60 DOMs: {@code sensor_id = 60·(string−1) + (dom−1)}, DOM 1 at the top. The embedded copy is
 * the real {@code sensor_geometry.csv} of the Kaggle data set (md5 {@value #EMBEDDED_MD5}).
 */
public final class Geometry {

    public static final int STRINGS = 86;
    public static final int DOMS_PER_STRING = 60;
    public static final int SENSORS = STRINGS * DOMS_PER_STRING;
    public static final String EMBEDDED_MD5 = "acad541886071600c427b405a70841e8";
    static final String RESOURCE = "/io/icebench/icecube/sensor_geometry.csv";

    private static volatile Geometry embedded;

    private final double[] x;
    private final double[] y;
    private final double[] z;

    private Geometry(double[] x, double[] y, double[] z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** The real detector geometry shipped with this module; parsed once. */
    public static Geometry embedded() {
        Geometry geometry = embedded;
        if (geometry == null) {
            try (InputStream in = Geometry.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
                }
                geometry = parse(in, RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            embedded = geometry;
        }
        return geometry;
    }

    /** Reads a {@code sensor_geometry.csv}: header {@code sensor_id,x,y,z}, one row per sensor 0..5159. */
    public static Geometry read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IcecubeDataException(file, "geometry file does not exist; a dataset folder holds "
                    + Layout.GEOMETRY_FILE + " beside its meta file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (AccessDeniedException e) {
            throw IcecubeDataException.permissionDenied(file, "geometry file", IcecubeDataException.OWN_COPY);
        } catch (IOException e) {
            throw new IcecubeDataException(file, "cannot read geometry: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IcecubeDataException(file, e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code sensor_geometry.csv} from a stream (a file on a Hadoop file system), named {@code location}
     * in messages; the caller closes the stream.
     */
    public static Geometry read(InputStream in, java.net.URI location) {
        try {
            return parse(in, location.toString());
        } catch (IOException e) {
            throw new IcecubeDataException(location, "cannot read geometry: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IcecubeDataException(location, e.getMessage(), e);
        }
    }

    /** Copies the embedded geometry file to {@code out}, byte for byte; the caller closes it. */
    public static void writeEmbedded(java.io.OutputStream out) throws IOException {
        try (InputStream in = Geometry.class.getResourceAsStream(RESOURCE)) {
            in.transferTo(out);
        }
    }

    /** Copies the embedded geometry file to {@code file}, byte for byte. */
    public static void writeEmbedded(Path file) throws IOException {
        try (InputStream in = Geometry.class.getResourceAsStream(RESOURCE)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Geometry parse(InputStream in, String source) throws IOException {
        double[] x = new double[SENSORS];
        double[] y = new double[SENSORS];
        double[] z = new double[SENSORS];
        boolean[] seen = new boolean[SENSORS];
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        String header = reader.readLine();
        if (header == null || !header.trim().equals("sensor_id,x,y,z")) {
            throw new IllegalArgumentException(source + ": header must be 'sensor_id,x,y,z', was '" + header + "'");
        }
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 4) {
                throw new IllegalArgumentException(source + ": line " + lineNumber + " has " + cells.length
                        + " cells, expected 4");
            }
            int id = Integer.parseInt(cells[0].trim());
            if (id < 0 || id >= SENSORS) {
                throw new IllegalArgumentException(source + ": line " + lineNumber + " has sensor_id " + id
                        + ", outside 0.." + (SENSORS - 1));
            }
            x[id] = Double.parseDouble(cells[1]);
            y[id] = Double.parseDouble(cells[2]);
            z[id] = Double.parseDouble(cells[3]);
            seen[id] = true;
        }
        for (int id = 0; id < SENSORS; id++) {
            if (!seen[id]) {
                throw new IllegalArgumentException(source + ": sensor_id " + id + " is missing");
            }
        }
        return new Geometry(x, y, z);
    }

    public double x(int sensorId) {
        return x[sensorId];
    }

    public double y(int sensorId) {
        return y[sensorId];
    }

    public double z(int sensorId) {
        return z[sensorId];
    }

    /** Copies of the coordinate arrays, indexed by sensor id. */
    public double[] xs() {
        return x.clone();
    }

    public double[] ys() {
        return y.clone();
    }

    public double[] zs() {
        return z.clone();
    }

    /** The string (1..86) a sensor is on. */
    public static int stringOf(int sensorId) {
        return sensorId / DOMS_PER_STRING + 1;
    }

    /** The DOM's position on its string (1 at the top .. 60). */
    public static int domOf(int sensorId) {
        return sensorId % DOMS_PER_STRING + 1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Geometry that && Arrays.equals(x, that.x) && Arrays.equals(y, that.y)
                && Arrays.equals(z, that.z);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(x) * 31 + Arrays.hashCode(z);
    }
}
