package io.icebench.icecube;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeometryTest {

    @TempDir
    Path temp;

    @Test
    void theEmbeddedGeometryIsTheRealKaggleFileByChecksum() throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (InputStream in = Geometry.class.getResourceAsStream(Geometry.RESOURCE)) {
            md5.update(in.readAllBytes());
        }

        assertThat(HexFormat.of().formatHex(md5.digest())).isEqualTo(Geometry.EMBEDDED_MD5);
    }

    @Test
    void sensorsFollowTheStringAndDomNumbering() {
        Geometry geometry = Geometry.embedded();

        assertThat(Geometry.stringOf(0)).isEqualTo(1);
        assertThat(Geometry.domOf(0)).isEqualTo(1);
        assertThat(Geometry.stringOf(5159)).isEqualTo(86);
        assertThat(Geometry.domOf(5159)).isEqualTo(60);
        // The first row of the real file, and DOMs about 17 m apart down a string.
        assertThat(geometry.x(0)).isEqualTo(-256.14);
        assertThat(geometry.z(0)).isEqualTo(496.03);
        assertThat(geometry.z(0) - geometry.z(1)).isCloseTo(17.02, within(0.01));
        assertThat(geometry.x(59)).isEqualTo(geometry.x(0));
        // DeepCore (strings 79-86) is denser: about 7 m apart at the bottom.
        assertThat(geometry.z(5158) - geometry.z(5159)).isBetween(5.0, 9.0);
    }

    @Test
    void aCopiedGeometryFileReadsBackIdentical() throws Exception {
        Path file = temp.resolve(Layout.GEOMETRY_FILE);
        Geometry.writeEmbedded(file);

        assertThat(Geometry.read(file)).isEqualTo(Geometry.embedded());
    }

    @Test
    void aGeometryFileWithAMissingSensorIsRejectedNamingTheFile() throws Exception {
        Path file = temp.resolve("short.csv");
        Files.writeString(file, "sensor_id,x,y,z\n0,1,2,3\n");

        assertThatThrownBy(() -> Geometry.read(file))
                .isInstanceOf(IcecubeDataException.class)
                .hasMessageContaining("short.csv")
                .hasMessageContaining("sensor_id 1 is missing");
    }
}
