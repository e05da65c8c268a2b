package io.icebench.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the tests: S3Proxy with its filesystem backend, started as a child JVM from the
 * fat jar the build copies to {@code target/s3proxy/s3proxy.jar} (its Jetty, Guava and Jackson stay out of the test
 * JVM). Buckets are folders under the base folder; signatures v2 and v4 are checked against one identity.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "icebench-test-access";
    static final String SECRET_KEY = "icebench-test-secret-do-not-print";

    private static final Path JAR = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();

    private final Process process;
    private final int port;
    private final Path log;

    private S3ProxyServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port with the given buckets (empty folders) and waits until it listens. */
    static S3ProxyServer start(Path base, String... buckets) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing; the build's maven-dependency-plugin copies it");
        }
        Path data = Files.createDirectories(base.resolve("data"));
        for (String bucket : buckets) {
            Files.createDirectories(data.resolve(bucket));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path properties = base.resolve("s3proxy.conf");
        StringBuilder text = new StringBuilder();
        Map.of("s3proxy.endpoint", "http://127.0.0.1:" + port,
                "s3proxy.authorization", "aws-v2-or-v4",
                "s3proxy.identity", ACCESS_KEY,
                "s3proxy.credential", SECRET_KEY,
                "jclouds.provider", "filesystem",
                "jclouds.filesystem.basedir", data.toString()).forEach((k, v) -> text.append(k).append('=')
                .append(v).append('\n'));
        Files.writeString(properties, text);
        Path log = base.resolve("s3proxy.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--properties", properties.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + ": "
                        + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return server;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        server.close();
        throw new IllegalStateException("S3Proxy did not listen on " + port + " within 90 s: " + Files.readString(log));
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * What S3A needs to talk to this server, as {@code icebench.hadoop.*} keys: the endpoint, path-style requests,
     * plain HTTP, a fixed region. No credentials: those come from the environment.
     */
    Map<String, String> s3aSettings() {
        return Map.of("fs.s3a.endpoint", endpoint(),
                "fs.s3a.endpoint.region", "us-east-1",
                "fs.s3a.path.style.access", "true",
                "fs.s3a.connection.ssl.enabled", "false",
                "fs.s3a.change.detection.mode", "none");
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
