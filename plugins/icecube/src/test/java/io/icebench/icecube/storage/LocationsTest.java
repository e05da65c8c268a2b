package io.icebench.icecube.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What a user types after --dataset or --out, as the URI the data library opens. */
class LocationsTest {

    @Test
    void aPlainPathIsALocalFolderAndKeepsTheMappedRead() {
        URI relative = Locations.parse("data/kaggle");
        assertThat(Locations.isLocal(relative)).isTrue();
        assertThat(Locations.localPath(relative)).isEqualTo(Path.of("data/kaggle").toAbsolutePath());
        assertThat(Locations.localPath(Locations.parse("/srv/ice cube"))).isEqualTo(Path.of("/srv/ice cube"));
    }

    @Test
    void aFileUriIsLocalAndAnyOtherSchemeIsNot() {
        assertThat(Locations.isLocal(Locations.parse("file:///srv/data"))).isTrue();
        assertThat(Locations.localPath(Locations.parse("file:///srv/data"))).isEqualTo(Path.of("/srv/data"));
        assertThat(Locations.isLocal(Locations.parse("hdfs://nn:8020/data"))).isFalse();
        assertThat(Locations.parse("hdfs://nn:8020/data").getAuthority()).isEqualTo("nn:8020");
        assertThat(Locations.isLocal(Locations.parse("s3a://bucket/ice"))).isFalse();
        assertThat(Locations.isLocal(URI.create("/already/a/uri/path"))).isTrue();
    }
}
