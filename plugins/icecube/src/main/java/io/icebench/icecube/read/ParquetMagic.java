package io.icebench.icecube.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The magic bytes {@code PAR1} at both ends of a parquet file, checked before the footer is parsed. Checked here
 * because parquet-hadoop's footer parser reports a foreign file and a copy cut short alike, and opaquely; the two
 * want different fixes (write the file as parquet, or copy it again).
 */
final class ParquetMagic {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetMagic() {
    }

    /**
     * Throws the one-line error that says what {@code input} is if it is not a whole parquet file.
     *
     * @param role what the file is in the layout ("batch file", "meta file"), for messages
     */
    static void check(DataFile file, String role, PositionedFile input) {
        long length = input.getLength();
        byte[] head = new byte[(int) Math.min(4, length)];
        byte[] tail = new byte[(int) Math.min(4, length)];
        try {
            input.read(0, head, 0, head.length);
            input.read(length - tail.length, tail, 0, tail.length);
        } catch (StreamInputFile.RemoteReadException e) {
            throw ReadFailures.remote(file, role, e);
        } catch (IOException e) {
            throw file.error("cannot read the " + role + ": " + e.getMessage(), e);
        }
        boolean parquetHead = startsLikeParquet(head);
        if (!parquetHead) {
            throw file.error("not a parquet file: it does not start with the magic bytes PAR1"
                    + " (" + length + " bytes); a " + role + " must be parquet, write it with pyarrow, DuckDB "
                    + "(COPY ... TO '...' (FORMAT parquet)) or parquet-hadoop");
        }
        if (length < 12 || !Arrays.equals(tail, MAGIC)) {
            throw file.error("truncated parquet file: it starts with PAR1 but does not end "
                    + "with it (" + length + " bytes), so its footer is missing; the copy was cut short, copy or "
                    + "write the " + role + " again");
        }
    }

    private static boolean startsLikeParquet(byte[] head) {
        for (int i = 0; i < head.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        // An empty file has no head at all: call it truncated, not foreign.
        return true;
    }
}
