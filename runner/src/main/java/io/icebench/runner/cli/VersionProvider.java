package io.icebench.runner.cli;

import io.icebench.runner.IcebenchVersion;
import io.icebench.spi.Spi;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the runner, the SPI it implements and the JVM it runs on. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "icebench " + IcebenchVersion.get() + " (SPI " + Spi.VERSION + ")",
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " "
                    + System.getProperty("java.vm.name")
        };
    }
}
