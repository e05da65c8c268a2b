package io.icebench.icecube.read;

import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Decodes the pages of one column chunk into its {@link Target} at a given offset.
 *
 * <p>Fast paths, for data pages v1 and v2 alike: PLAIN fixed-width values (bulk copy when widths match),
 * dictionary indices (bulk unpack mapped through a primitive dictionary), booleans (PLAIN bits or length-prefixed
 * RLE), and what v2 writers choose for high-cardinality columns: DELTA_BINARY_PACKED integers
 * ({@link DeltaBinaryPacked}) and BYTE_STREAM_SPLIT floats and doubles ({@link ByteStreamSplit}). Any other
 * encoding goes through parquet's own {@link ValuesReader}: correct, one virtual call per value, and rare in this
 * layout. {@link DecodeRoute} counts the pages each route took. Definition levels are only checked, never
 * materialised: the layout has no nulls, so a null is an error rather than a value to represent.
 *
 * <p>The values of each page are checked against the column's {@link ValueRule} right after they are decoded, in
 * the same thread and while they are in cache, so a sensor outside the geometry or a NaN charge fails the read
 * here, naming its row, instead of surfacing later as an index out of bounds or a silently wrong number.
 */
final class ChunkDecoder {

    private final ColumnDescriptor column;
    private final PrimitiveTypeName physical;
    private final Target target;
    private final int maxDefinition;
    private final int levelWidth;
    /** File row of {@code target[0]}: turns an array offset into a row number for error messages. */
    private final long rowBase;

    private short[] dictShorts;
    private long[] dictLongs;
    private double[] dictDoubles;
    private boolean hasDictionary;
    /** Every dictionary entry keeps the target's rule, so dictionary-encoded pages need no check of their own. */
    private boolean dictionaryKeepsRule;

    ChunkDecoder(ColumnDescriptor column, Target target, long rowBase) {
        this.column = column;
        this.physical = column.getPrimitiveType().getPrimitiveTypeName();
        this.target = target;
        this.maxDefinition = column.getMaxDefinitionLevel();
        this.levelWidth = 32 - Integer.numberOfLeadingZeros(maxDefinition);
        this.rowBase = rowBase;
    }

    void dictionary(DictionaryPage page, WorkerCodecs.Deferred deferred, WorkerCodecs codecs) throws IOException {
        Encoding encoding = page.getEncoding();
        if (encoding != Encoding.PLAIN && encoding != Encoding.PLAIN_DICTIONARY) {
            throw new DecodeException("dictionary page encoded as " + encoding + ", only PLAIN is defined");
        }
        ByteBuffer bytes = codecs.bytes(page.getBytes(), deferred);
        byte[] b = bytes.array();
        int pos = bytes.arrayOffset() + bytes.position();
        int end = pos + bytes.remaining();
        int n = page.getDictionarySize();
        if (n < 0) {
            throw new DecodeException("dictionary page claims " + n + " entries");
        }
        switch (target.kind) {
            case SHORT -> {
                dictShorts = new short[n];
                if (physical == PrimitiveTypeName.INT32) {
                    Plain.intsToShorts(b, pos, end, n, dictShorts, 0);
                } else {
                    Plain.longsToShorts(b, pos, end, n, dictShorts, 0);
                }
            }
            case LONG -> {
                dictLongs = new long[n];
                if (physical == PrimitiveTypeName.INT64) {
                    Plain.longs(b, pos, end, n, dictLongs, 0);
                } else {
                    Plain.intsToLongs(b, pos, end, n, dictLongs, 0);
                }
            }
            case DOUBLE -> {
                dictDoubles = new double[n];
                if (physical == PrimitiveTypeName.DOUBLE) {
                    Plain.doubles(b, pos, end, n, dictDoubles, 0);
                } else {
                    Plain.floatsToDoubles(b, pos, end, n, dictDoubles, 0);
                }
            }
            case BOOLEAN -> throw new DecodeException("dictionary-encoded booleans are not supported");
        }
        hasDictionary = true;
        dictionaryKeepsRule = switch (target.kind) {
            case SHORT -> target.rule.firstBroken(dictShorts, 0, n) < 0;
            case DOUBLE -> target.rule.firstBroken(dictDoubles, 0, n) < 0;
            case LONG, BOOLEAN -> true;
        };
    }

    /**
     * Decodes one data page into {@code target[at..]}, decompressing it first when {@code deferred} says so;
     * returns the number of values it held. Safe to call from several threads for different pages: the dictionary
     * is only read here, and each call writes its own range of the target.
     */
    int page(DataPage page, WorkerCodecs.Deferred deferred, WorkerCodecs codecs, int at, int limit)
            throws IOException {
        int n = page.getValueCount();
        if (n < 0 || (long) at + n > limit) {
            throw new DecodeException("data page holds " + n + " values, more than the row group's rows");
        }
        if (page instanceof DataPageV1 v1) {
            ByteBuffer bytes = codecs.bytes(v1.getBytes(), deferred);
            byte[] b = bytes.array();
            int pos = bytes.arrayOffset() + bytes.position();
            int end = pos + bytes.remaining();
            if (maxDefinition > 0) {
                pos = checkLevelsV1(v1.getDlEncoding(), b, pos, end, n, at);
            }
            values(v1.getValueEncoding(), b, pos, end, n, at, codecs);
            checkRule(v1.getValueEncoding(), n, at);
        } else if (page instanceof DataPageV2 v2) {
            if (v2.getNullCount() > 0) {
                throw nulls(at, "the page header counts " + v2.getNullCount() + " nulls");
            }
            if (maxDefinition > 0 && v2.getDefinitionLevels().size() > 0) {
                ByteBuffer levels = WorkerCodecs.heap(v2.getDefinitionLevels());
                int pos = levels.arrayOffset() + levels.position();
                int first = Hybrid.firstLevelNotEqual(levels.array(), pos, pos + levels.remaining(), levelWidth, n,
                        maxDefinition);
                if (first >= 0) {
                    throw nulls(at + first, null);
                }
            }
            ByteBuffer data = codecs.bytes(v2.getData(), deferred);
            int pos = data.arrayOffset() + data.position();
            values(v2.getDataEncoding(), data.array(), pos, pos + data.remaining(), n, at, codecs);
            checkRule(v2.getDataEncoding(), n, at);
        } else {
            throw new DecodeException("unknown page kind " + page.getClass().getSimpleName());
        }
        return n;
    }

    private int checkLevelsV1(Encoding encoding, byte[] b, int pos, int end, int n, int at) {
        if (encoding == Encoding.RLE) {
            int length = Plain.readIntLittleEndian(b, pos, end);
            int start = pos + 4;
            if (length < 0 || start + length > end) {
                throw new DecodeException("definition levels claim " + length + " bytes, the page has fewer");
            }
            int first = Hybrid.firstLevelNotEqual(b, start, start + length, levelWidth, n, maxDefinition);
            if (first >= 0) {
                throw nulls(at + first, null);
            }
            return start + length;
        }
        // Deprecated BIT_PACKED levels (very old writers): rare enough for parquet's reader.
        try {
            ValuesReader levels = encoding.getValuesReader(column, ValuesType.DEFINITION_LEVEL);
            ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(b, pos, end - pos));
            levels.initFromPage(n, in);
            for (int i = 0; i < n; i++) {
                if (levels.readInteger() != maxDefinition) {
                    throw nulls(at + i, null);
                }
            }
            return pos + (int) in.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void values(Encoding encoding, byte[] b, int pos, int end, int n, int at, WorkerCodecs codecs) {
        if (n == 0) {
            return;
        }
        switch (encoding) {
            case PLAIN -> {
                plain(b, pos, end, n, at);
                DecodeRoute.PLAIN.count();
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                dictionaryIndices(b, pos, end, n, at);
                DecodeRoute.DICTIONARY.count();
            }
            case RLE -> {
                if (target.kind != Target.Kind.BOOLEAN) {
                    fallback(encoding, b, pos, end, n, at);
                    return;
                }
                int length = Plain.readIntLittleEndian(b, pos, end);
                if (length < 0 || pos + 4 + length > end) {
                    throw new DecodeException("RLE booleans claim " + length + " bytes, the page has fewer");
                }
                Hybrid.booleans(b, pos + 4, pos + 4 + length, n, target.booleans, at);
                DecodeRoute.RLE_BOOLEANS.count();
            }
            case DELTA_BINARY_PACKED -> {
                if (!deltaBinaryPacked(codecs.delta(), b, pos, end, n, at)) {
                    fallback(encoding, b, pos, end, n, at);
                    return;
                }
                DecodeRoute.DELTA_BINARY_PACKED.count();
            }
            case BYTE_STREAM_SPLIT -> {
                if (target.kind != Target.Kind.DOUBLE) {
                    fallback(encoding, b, pos, end, n, at);
                    return;
                }
                if (physical == PrimitiveTypeName.DOUBLE) {
                    ByteStreamSplit.doubles(b, pos, end, n, target.doubles, at);
                } else {
                    ByteStreamSplit.floatsToDoubles(b, pos, end, n, target.doubles, at);
                }
                DecodeRoute.BYTE_STREAM_SPLIT.count();
            }
            default -> fallback(encoding, b, pos, end, n, at);
        }
    }

    /** Integers into an integer target; false for any other pairing, which parquet's reader then refuses. */
    private boolean deltaBinaryPacked(DeltaBinaryPacked delta, byte[] b, int pos, int end, int n, int at) {
        boolean int32 = physical == PrimitiveTypeName.INT32;
        if (!int32 && physical != PrimitiveTypeName.INT64) {
            return false;
        }
        switch (target.kind) {
            case LONG -> {
                if (int32) {
                    delta.intsToLongs(b, pos, end, n, target.longs, at);
                } else {
                    delta.longs(b, pos, end, n, target.longs, at);
                }
            }
            case SHORT -> {
                if (int32) {
                    delta.intsToShorts(b, pos, end, n, target.shorts, at);
                } else {
                    delta.longsToShorts(b, pos, end, n, target.shorts, at);
                }
            }
            case DOUBLE, BOOLEAN -> {
                return false;
            }
        }
        return true;
    }

    private void plain(byte[] b, int pos, int end, int n, int at) {
        switch (target.kind) {
            case SHORT -> {
                if (physical == PrimitiveTypeName.INT32) {
                    Plain.intsToShorts(b, pos, end, n, target.shorts, at);
                } else {
                    Plain.longsToShorts(b, pos, end, n, target.shorts, at);
                }
            }
            case LONG -> {
                if (physical == PrimitiveTypeName.INT64) {
                    Plain.longs(b, pos, end, n, target.longs, at);
                } else {
                    Plain.intsToLongs(b, pos, end, n, target.longs, at);
                }
            }
            case DOUBLE -> {
                if (physical == PrimitiveTypeName.DOUBLE) {
                    Plain.doubles(b, pos, end, n, target.doubles, at);
                } else {
                    Plain.floatsToDoubles(b, pos, end, n, target.doubles, at);
                }
            }
            case BOOLEAN -> Plain.booleans(b, pos, end, n, target.booleans, at);
        }
    }

    private void dictionaryIndices(byte[] b, int pos, int end, int n, int at) {
        if (!hasDictionary) {
            throw new DecodeException("dictionary-encoded page without a dictionary page");
        }
        if (pos >= end) {
            throw new DecodeException("dictionary-encoded page without its bit width");
        }
        int width = b[pos] & 0xFF;
        switch (target.kind) {
            case SHORT -> Hybrid.dictionaryShort(b, pos + 1, end, width, n, dictShorts, target.shorts, at);
            case LONG -> Hybrid.dictionaryLong(b, pos + 1, end, width, n, dictLongs, target.longs, at);
            case DOUBLE -> Hybrid.dictionaryDouble(b, pos + 1, end, width, n, dictDoubles, target.doubles, at);
            case BOOLEAN -> throw new DecodeException("dictionary-encoded booleans are not supported");
        }
    }

    /** Any other encoding, through parquet's own reader. */
    private void fallback(Encoding encoding, byte[] b, int pos, int end, int n, int at) {
        DecodeRoute.VALUES_READER.count();
        ValuesReader reader;
        try {
            reader = encoding.getValuesReader(column, ValuesType.VALUES);
            reader.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(b, pos, end - pos)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedOperationException e) {
            throw new DecodeException("values encoded as " + encoding + ", which parquet cannot decode for "
                    + physical);
        }
        switch (target.kind) {
            case SHORT -> {
                short[] dst = target.shorts;
                for (int i = 0; i < n; i++) {
                    long v = physical == PrimitiveTypeName.INT32 ? reader.readInteger() : reader.readLong();
                    if (v != (short) v) {
                        throw new DecodeException("value " + v + " does not fit int16");
                    }
                    dst[at + i] = (short) v;
                }
            }
            case LONG -> {
                long[] dst = target.longs;
                if (physical == PrimitiveTypeName.INT64) {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = reader.readLong();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = reader.readInteger();
                    }
                }
            }
            case DOUBLE -> {
                double[] dst = target.doubles;
                if (physical == PrimitiveTypeName.DOUBLE) {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = reader.readDouble();
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        dst[at + i] = reader.readFloat();
                    }
                }
            }
            case BOOLEAN -> {
                boolean[] dst = target.booleans;
                for (int i = 0; i < n; i++) {
                    dst[at + i] = reader.readBoolean();
                }
            }
        }
    }

    /** The page's values, just decoded into {@code target[at, at + n)}, against the layout's rule for them. */
    private void checkRule(Encoding encoding, int n, int at) {
        if (target.rule == ValueRule.ANY || (dictionaryKeepsRule
                && (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY))) {
            return;
        }
        int broken = target.firstBroken(at, n);
        if (broken >= 0) {
            throw new DecodeException("row " + (rowBase + broken) + " holds " + target.name + " "
                    + target.valueAt(broken) + ", but " + target.rule.rule(target.name) + ": fix or drop that row"
                    + " and write the file again");
        }
    }

    private DecodeException nulls(int at, String detail) {
        return new DecodeException("holds a null at row " + (rowBase + at)
                + (detail == null ? "" : " (" + detail + ")")
                + "; the layout has no nulls: drop or fill those rows before writing the file");
    }
}
