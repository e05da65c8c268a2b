package io.icebench.icecube.storage;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Site files, then icebench.hadoop.* properties, over short client timeouts that only fill what neither set. */
class HadoopConfTest {

    @TempDir
    Path confDir;

    @Test
    void withoutSiteFilesOrPropertiesTheClientTimeoutsAreShort() {
        Configuration conf = HadoopConf.configuration(null, new Properties());
        assertThat(conf.getInt("ipc.client.connect.max.retries.on.timeouts", -1)).isEqualTo(1);
        assertThat(conf.getInt("ipc.client.connect.timeout", -1)).isEqualTo(5000);
        assertThat(conf.getInt("ipc.client.rpc-timeout.ms", -1)).isEqualTo(15000);
        assertThat(conf.getInt("dfs.client.socket-timeout", -1)).isEqualTo(15000);
    }

    @Test
    void aSiteFileInHadoopConfDirWinsOverTheShortDefaults() throws Exception {
        Files.writeString(confDir.resolve("core-site.xml"), site("ipc.client.rpc-timeout.ms", "60000")
                .replace("</configuration>", "<property><name>fs.defaultFS</name><value>hdfs://nn.example:8020"
                        + "</value></property></configuration>"));
        Files.writeString(confDir.resolve("hdfs-site.xml"), site("dfs.replication", "2"));
        Configuration conf = HadoopConf.configuration(confDir.toString(), new Properties());
        assertThat(conf.get("ipc.client.rpc-timeout.ms")).isEqualTo("60000");
        assertThat(conf.get("fs.defaultFS")).isEqualTo("hdfs://nn.example:8020");
        assertThat(conf.get("dfs.replication")).isEqualTo("2");
        assertThat(conf.get("ipc.client.connect.timeout")).isEqualTo("5000");
    }

    @Test
    void anIcebenchHadoopPropertyIsSetAsItsKeyOverSiteFilesAndDefaults() throws Exception {
        Files.writeString(confDir.resolve("core-site.xml"), site("fs.defaultFS", "hdfs://from-site:8020"));
        Properties properties = new Properties();
        properties.setProperty("icebench.hadoop.fs.defaultFS", "hdfs://from-property:9000");
        properties.setProperty("icebench.hadoop.ipc.client.connect.timeout", "1234");
        properties.setProperty("icebench.other", "ignored");
        Configuration conf = HadoopConf.configuration(confDir.toString(), properties);
        assertThat(conf.get("fs.defaultFS")).isEqualTo("hdfs://from-property:9000");
        assertThat(conf.get("ipc.client.connect.timeout")).isEqualTo("1234");
        assertThat(conf.get("other")).isNull();
    }

    private static String site(String key, String value) {
        return "<?xml version=\"1.0\"?><configuration><property><name>" + key + "</name><value>" + value
                + "</value></property></configuration>";
    }
}
