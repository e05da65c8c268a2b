package io.icebench.icecube.read;

/**
 * A problem found while decoding a page. The decoders know neither the file nor the row group, so the reader
 * catches this and rethrows it as an {@link io.icebench.icecube.IcecubeDataException} with both.
 */
final class DecodeException extends RuntimeException {

    DecodeException(String problem) {
        super(problem, null, false, false);
    }
}
