package io.icebench.spi;

/**
 * The version of this contract.
 *
 * <p>A plugin returns {@link #VERSION} from {@link BenchmarkPlugin#spiVersion()}. Because the field is a
 * compile-time constant, the value is inlined into the plugin's class file when the plugin is compiled: the runner
 * thereby learns which contract the plugin was built against, not which one it happens to run with.
 *
 * <p>Compatibility rule: same major version, and the plugin's minor version not newer than the runner's.
 * Minor versions only add default methods and optional values.
 *
 * <p>History: 1.0 the first contract; 1.1 added {@link BenchmarkPlugin#validate(Parameters)};
 * 1.2 added {@link PluginContext#progress} and {@link PluginContext#afterTimedWork}; 1.3 added {@link Timer}
 * ({@link PluginContext#timer}), which also carries calibration's slowdown, deprecating {@code afterTimedWork}
 * (1.2 plugins that call it are still slowed), the warm-up and iteration conventions of {@link ParameterSpec}, and
 * {@link Measurements.Builder#addAll}; 1.4 added {@link PluginContext#datasetLocation}, for datasets on Hadoop
 * file systems.
 */
public final class Spi {

    /** {@code major.minor} of this contract. */
    public static final String VERSION = "1.4";

    private Spi() {
    }

    /**
     * Whether a plugin built against {@code pluginVersion} can run on this contract.
     *
     * @return false also when the version is not of the form {@code major.minor}
     */
    public static boolean isCompatible(String pluginVersion) {
        int[] plugin = parse(pluginVersion);
        int[] ours = parse(VERSION);
        return plugin != null && plugin[0] == ours[0] && plugin[1] <= ours[1];
    }

    private static int[] parse(String version) {
        if (version == null) {
            return null;
        }
        String[] parts = version.trim().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
