package io.icebench.spi;

/**
 * The version of this contract.
 *
 * <p>A plugin jar returns {@link #VERSION} from {@link BenchmarkPlugin#spiVersion()} (a report writer from
 * {@link ReportWriter#spiVersion()}). Because the field is a compile-time constant, the value is inlined into the
 * plugin's class file when the plugin is compiled: the runner thereby learns which contract the plugin was built
 * against, not which one it happens to run with.
 *
 * <p>The interfaces' default {@code spiVersion()} returns this field too, but from the SPI jar the runner runs with,
 * so it cannot tell. It is there for the runner's built-in plugins and writers, which are compiled in the same build
 * as the runner and its SPI, so that they need not repeat the method. The runner accepts the default only from its
 * own class path: a plugin jar whose provider class does not declare {@code spiVersion()} (itself or in a class of
 * its own jar) is refused at discovery, with the line to add.
 *
 * <p>Compatibility rule: same major version, and the plugin's minor version not newer than the runner's.
 * Minor versions only add default methods and optional values, with one exception for report writers, which must be
 * built against {@value #OLDEST_REPORT_WRITER} or newer ({@link #isCompatibleWriter}).
 *
 * <p>History: 1.0 the first contract; 1.1 added {@link BenchmarkPlugin#validate(Parameters)};
 * 1.2 added {@link PluginContext#progress} and {@link PluginContext#afterTimedWork}; 1.3 added {@link Timer}
 * ({@link PluginContext#timer}), which also carries calibration's slowdown, deprecating {@code afterTimedWork}
 * (1.2 plugins that call it are still slowed), the warm-up and iteration conventions of {@link ParameterSpec}, and
 * {@link Measurements.Builder#addAll}; 1.4 added {@link PluginContext#datasetLocation}, for datasets on Hadoop
 * file systems; 1.5 moved {@link RunReport}, {@link PluginReport} and {@link MetricReport} from
 * {@code io.icebench.spi.report} into this package, so that {@code spi.report} (statistics and verdicts) depends on
 * nothing here (a report writer imports them from here; one built against 1.4 or older must be rebuilt, and the
 * runner says so; plugins are not affected), gave {@code spiVersion()} its default for the built-ins, and added
 * {@link io.icebench.spi.command}, through which a library on the runner's class path adds a subcommand.
 */
public final class Spi {

    /** {@code major.minor} of this contract. */
    public static final String VERSION = "1.5";

    /**
     * The oldest contract a report writer may be built against: 1.5 moved the report's types ({@link RunReport},
     * {@link PluginReport}, {@link MetricReport}), which every writer's {@code write} names.
     */
    public static final String OLDEST_REPORT_WRITER = "1.5";

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

    /**
     * Whether a report writer built against {@code writerVersion} can run on this contract: as
     * {@link #isCompatible}, and not older than {@value #OLDEST_REPORT_WRITER}.
     */
    public static boolean isCompatibleWriter(String writerVersion) {
        int[] writer = parse(writerVersion);
        int[] oldest = parse(OLDEST_REPORT_WRITER);
        return isCompatible(writerVersion) && (writer[0] > oldest[0] || writer[1] >= oldest[1]);
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
