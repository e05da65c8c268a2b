package io.icebench.icecube.storage;

import org.apache.hadoop.conf.Configuration;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hadoop {@link Configuration} every remote dataset is opened with, built the Hadoop way: {@code core-site.xml}
 * and {@code hdfs-site.xml} from {@code $HADOOP_CONF_DIR} when it is set, then every JVM system property named
 * {@code icebench.hadoop.<key>} applied as {@code <key>} (so {@code -Dicebench.hadoop.fs.defaultFS=hdfs://nn:8020}
 * works, and the runner can map the YAML's {@code icebench.hadoop.*} onto the same properties).
 *
 * <p>Why short timeouts: with Hadoop's client defaults a black-holed namenode address costs 46 connect attempts of
 * 20 s (about 15 minutes) and a namenode that accepts but never answers two minutes per call, so a benchmark pointed
 * at a dead cluster sits for minutes before it says anything. It should fail in seconds, in one line. Unless a site
 * file or a system property sets them, these keys are used:
 * <ul>
 *   <li>{@code ipc.client.connect.timeout} 5000 ms (default 20000) and
 *       {@code ipc.client.connect.max.retries.on.timeouts} 1 (45): an address nobody answers fails in about 10 s;</li>
 *   <li>{@code ipc.client.rpc-timeout.ms} 15000 ms (120000): a namenode that accepts the connection but never
 *       answers fails in about 15 s;</li>
 *   <li>{@code ipc.client.connect.max.retries} 1 (10) and {@code ipc.client.connect.retry.interval} 500 ms (1000),
 *       for the clients that retry a refused connection; HDFS's own (non-HA) namenode client already fails a
 *       refused port at once, in well under a second;</li>
 *   <li>{@code dfs.client.socket-timeout} 15000 ms (60000), how long a datanode read may stall before the client
 *       moves to another replica, and {@code dfs.client.retry.window.base} 1000 ms (3000), the back-off between
 *       rounds of trying every replica of a block: a block with no live replica fails the read in about 5 s;</li>
 *   <li>for {@code s3a://} (hadoop-aws on the class path): {@code fs.s3a.attempts.maximum} 2,
 *       {@code fs.s3a.retry.limit} 2, {@code fs.s3a.connection.establish.timeout} 15000 ms (S3A's own floor;
 *       a refused connection fails at once, a black-holed endpoint in about 30 s).</li>
 * </ul>
 * Credentials are never read from here but from the environment or Hadoop's credential providers, as Hadoop does.
 */
public final class HadoopConf {

    /** The prefix of the system properties copied into the configuration, without it. */
    public static final String PROPERTY_PREFIX = "icebench.hadoop.";

    /** Where the site files are looked for. */
    public static final String CONF_DIR_ENV = "HADOOP_CONF_DIR";

    private static final String[] SITE_FILES = {"core-site.xml", "hdfs-site.xml"};

    /** The client timeouts used unless a site file or a system property sets them; see the class comment. */
    public static final Map<String, String> SHORT_TIMEOUTS;

    static {
        Map<String, String> timeouts = new LinkedHashMap<>();
        timeouts.put("ipc.client.connect.max.retries", "1");
        timeouts.put("ipc.client.connect.max.retries.on.timeouts", "1");
        timeouts.put("ipc.client.connect.retry.interval", "500");
        timeouts.put("ipc.client.connect.timeout", "5000");
        timeouts.put("ipc.client.rpc-timeout.ms", "15000");
        timeouts.put("dfs.client.socket-timeout", "15000");
        timeouts.put("dfs.client.retry.window.base", "1000");
        timeouts.put("fs.s3a.attempts.maximum", "2");
        timeouts.put("fs.s3a.retry.limit", "2");
        timeouts.put("fs.s3a.connection.establish.timeout", "15000"); // S3A raises anything lower to 15 s
        SHORT_TIMEOUTS = Map.copyOf(timeouts);
    }

    private HadoopConf() {
    }

    /** A fresh configuration from {@code $HADOOP_CONF_DIR} and the {@code icebench.hadoop.*} system properties. */
    public static Configuration configuration() {
        return configuration(System.getenv(CONF_DIR_ENV), System.getProperties());
    }

    /**
     * As {@link #configuration()}, from the given folder (null: none) and properties: for tests.
     */
    public static Configuration configuration(String confDir, java.util.Properties properties) {
        Configuration conf = new Configuration();
        Configuration sites = new Configuration(false);
        if (confDir != null && !confDir.isBlank()) {
            for (String name : SITE_FILES) {
                File file = new File(confDir, name);
                if (file.isFile()) {
                    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toURI());
                    conf.addResource(path);
                    sites.addResource(path);
                }
            }
        }
        // Programmatic values win over every resource, so a default is set only where no site file set the key.
        SHORT_TIMEOUTS.forEach((key, value) -> {
            if (sites.get(key) == null) {
                conf.set(key, value, "icebench short client timeouts");
            }
        });
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                conf.set(name.substring(PROPERTY_PREFIX.length()), properties.getProperty(name),
                        "system property " + name);
            }
        }
        return conf;
    }
}
