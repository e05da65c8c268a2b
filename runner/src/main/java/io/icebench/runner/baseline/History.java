package io.icebench.runner.baseline;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code results/history.jsonl}: one JSON object per run, one line each, appended and never rewritten.
 *
 * <p>The append protocol survives a crash or a full disk at any point. Under an exclusive lock on the file (so
 * concurrent runs never interleave): a file that does not end with a newline has a torn last line, left by a run
 * that died mid-write; that fragment is moved to {@code history.jsonl.torn-<time>} beside it and cut off, with one
 * warning, so the new line is not glued onto it. The line and its newline then go in one write, and the file is
 * forced to disk. A write that fails (ENOSPC) cuts the file back to its previous length, so no partial bytes stay.
 *
 * <p>A reader skips a line it cannot use (bytes that are not UTF-8, text that is not a run) with one warning naming
 * the file and the line: one bad line never costs the rest of the history.
 */
public final class History {

    public static final String FILE_NAME = "history.jsonl";
    public static final String SCHEMA = "icebench-history";
    /** The torn tail of the history goes to a file named this plus the time it was found. */
    public static final String TORN_SUFFIX = ".torn-";

    private static final Object IN_PROCESS = new Object();
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(History.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private History() {
    }

    public static Path file(Path resultsDir) {
        return resultsDir.resolve(FILE_NAME);
    }

    /** Appends one run; see the class comment for what makes it safe. */
    public static void append(Path resultsDir, RunSamples run) throws IOException {
        Files.createDirectories(resultsDir);
        byte[] line = (RunSamples.JSON.writeValueAsString(run.toJson(SCHEMA)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        Path file = file(resultsDir);
        // A file lock excludes other processes; within this JVM a second lock on the file would throw
        // OverlappingFileLockException instead of waiting, so threads queue on a monitor first.
        synchronized (IN_PROCESS) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                long end = endOfLastLine(channel, file);
                try {
                    write(channel, ByteBuffer.wrap(line), end);
                    channel.force(false);
                } catch (IOException e) {
                    try {
                        channel.truncate(end);
                        channel.force(false);
                    } catch (IOException second) {
                        e.addSuppressed(second);
                    }
                    throw e;
                }
            }
        }
    }

    /**
     * Where the next line goes: the file's end, once a torn last line is moved out of the way. The fragment goes to
     * a file of its own; when even that cannot be written, a newline ends it where it is (a reader then skips it as
     * one bad line) rather than losing it or the run being appended.
     */
    private static long endOfLastLine(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size == 0 || lastByte(channel, size - 1) == '\n') {
            return size;
        }
        long start = startOfLastLine(channel, size);
        ByteBuffer fragment = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - start));
        while (fragment.hasRemaining() && channel.read(fragment, start + fragment.position()) >= 0) {
            // reads until full
        }
        fragment.flip();
        try {
            Path torn = quarantine(file, fragment.duplicate());
            channel.truncate(start);
            channel.force(false);
            LOG.warnf("%s ended in a torn line (%d bytes from byte offset %d, left by a run that crashed or ran out"
                    + " of disk): moved it to %s and appended this run after the last whole line", file,
                    size - start, start, torn.getFileName());
            return start;
        } catch (IOException e) {
            write(channel, ByteBuffer.wrap(new byte[] {'\n'}), size);
            LOG.warnf("%s ended in a torn line (%d bytes from byte offset %d) that could not be moved aside (%s):"
                    + " ended it with a newline, so it is skipped as one bad line", file, size - start, start,
                    e.getMessage());
            return size + 1;
        }
    }

    private static Path quarantine(Path file, ByteBuffer fragment) throws IOException {
        String stamp = STAMP.format(Instant.now());
        for (int attempt = 0; ; attempt++) {
            Path torn = file.resolveSibling(file.getFileName() + TORN_SUFFIX + stamp + (attempt == 0 ? "" : "-"
                    + attempt));
            try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                try {
                    write(out, fragment, 0);
                    out.force(false);
                } catch (IOException e) {
                    Files.deleteIfExists(torn);
                    throw e;
                }
                return torn;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** The offset just after the last newline before {@code size}; 0 when there is none. Read back to front. */
    private static long startOfLastLine(FileChannel channel, long size) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - chunk.capacity());
            chunk.clear().limit((int) (end - from));
            while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) >= 0) {
                // reads until full
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            end = from;
        }
        return 0;
    }

    private static byte lastByte(FileChannel channel, long position) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (channel.read(one, position) != 1) {
            throw new IOException("cannot read byte " + position + " of the history");
        }
        return one.get(0);
    }

    private static void write(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    /** Every run recorded, oldest first; empty when there is no history yet. Bad lines are skipped and named. */
    public static List<RunSamples> read(Path resultsDir) throws IOException {
        Path file = file(resultsDir);
        List<RunSamples> runs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return runs;
        }
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int number = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            int length = end - start;
            if (length > 0 && bytes[end - 1] == '\r') {
                length--;
            }
            boolean torn = end == bytes.length;
            CharBuffer line = null;
            try {
                line = utf8.reset().decode(ByteBuffer.wrap(bytes, start, length));
            } catch (CharacterCodingException e) {
                skip(file, number, start, torn, "it is not UTF-8 text (byte offset "
                        + (start + firstBadByte(bytes, start, length)) + " is corrupt)");
            }
            if (line != null && !line.toString().isBlank()) {
                try {
                    JsonNode node = RunSamples.JSON.readTree(line.toString());
                    runs.add(RunSamples.fromJson(node, file + ":" + number));
                } catch (IOException e) {
                    skip(file, number, start, torn, "it is not a run (" + firstLine(e.getMessage()) + ")");
                }
            }
            start = end + 1;
        }
        return runs;
    }

    /** Lines already warned about, so a history read twice in one run names each bad line once. */
    private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static void skip(Path file, int number, int offset, boolean torn, String why) {
        if (!WARNED.add(file.toAbsolutePath() + ":" + number + ":" + offset + ":" + torn)) {
            return;
        }
        if (torn) {
            // The next append moves it aside and says so, in one line.
            LOG.debugf("skipping line %d of %s, a torn last line from byte offset %d: %s", number, file, offset, why);
        } else {
            LOG.warnf("skipping line %d of %s: %s; delete the line to silence this", number, file, why);
        }
    }

    /** The offset within the line of the first byte that does not decode; 0 when it cannot tell. */
    private static int firstBadByte(byte[] bytes, int start, int length) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        return utf8.decode(in, out, true).isError() ? in.position() - start : 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The newest run recorded, if any. */
    public static Optional<RunSamples> latest(Path resultsDir) throws IOException {
        List<RunSamples> runs = read(resultsDir);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
