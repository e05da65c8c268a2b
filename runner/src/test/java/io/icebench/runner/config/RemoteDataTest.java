package io.icebench.runner.config;

import io.icebench.runner.UsageException;
import io.icebench.runner.testing.Yaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Datasets on Hadoop file systems in the configuration: the URI, the settings, and no credentials anywhere. */
class RemoteDataTest {

    @TempDir
    Path temp;

    @Test
    void aUriWithAHadoopSchemeIsRemoteAndAFolderOrFileUriIsNot() {
        assertThat(RemoteData.isRemote("hdfs://namenode:8020/icecube")).isTrue();
        assertThat(RemoteData.isRemote("s3a://bucket/icecube")).isTrue();
        assertThat(RemoteData.isRemote("file:///data/icecube")).isFalse();
        assertThat(RemoteData.isRemote("/data/icecube")).isFalse();
        assertThat(RemoteData.isRemote("data/icecube")).isFalse();
    }

    @Test
    void theConfigurationCarriesARemoteDatasetAndTheHadoopSettingsWithTheirDottedKeys() {
        Path file = Yaml.write(temp, "remote.yaml", """
                icebench:
                  dataset: hdfs://namenode:8020/icecube
                  hadoop:
                    fs.s3a.endpoint: http://localhost:9000
                    dfs.replication: "2"
                """);

        RunConfig config = ConfigLoader.load(Optional.of(file), temp);

        assertThat(config.dataset()).isEmpty();
        assertThat(config.remote().location()).hasValue(URI.create("hdfs://namenode:8020/icecube"));
        assertThat(config.remote().hadoop()).containsEntry("fs.s3a.endpoint", "http://localhost:9000")
                .containsEntry("dfs.replication", "2");
        assertThat(config.remote().jvmOptions()).contains("-Dicebench.hadoop.dfs.replication=2");
        assertThat(config.datasetArgument()).hasValue("hdfs://namenode:8020/icecube");
    }

    @Test
    void aCredentialInTheConfigurationIsRefusedNamingTheKeyAndWhereCredentialsGo() {
        Path file = Yaml.write(temp, "secret.yaml", """
                icebench:
                  hadoop:
                    fs.s3a.secret.key: do-not-keep-me-here
                """);

        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(file), temp)).isInstanceOf(UsageException.class)
                .hasMessageContaining("'icebench.hadoop.fs.s3a.secret.key' is a credential")
                .hasMessageContaining("set it in the environment")
                .hasMessageNotContaining("do-not-keep-me-here");
    }

    @Test
    void aUriIsShownWithoutItsUserInformation() {
        assertThat(RemoteData.shown("s3a://AKIAEXAMPLE:wJalrXUtnFEMI@bucket/icecube"))
                .isEqualTo("s3a://***@bucket/icecube");
        assertThat(RemoteData.shown("hdfs://namenode:8020/icecube")).isEqualTo("hdfs://namenode:8020/icecube");
    }

    @Test
    void settingsWithoutSecretsPassAsTheyAre() {
        assertThat(RemoteData.settings(Map.of("fs.defaultFS", "hdfs://nn:8020"), "x"))
                .containsEntry("fs.defaultFS", "hdfs://nn:8020");
    }
}
