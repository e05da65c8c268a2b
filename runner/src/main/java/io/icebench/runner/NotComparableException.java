package io.icebench.runner;

/**
 * A baseline whose machine fingerprint differs from this run's in hard keys: the command line prints the message and
 * exits {@link ExitCodes#NOT_COMPARABLE}.
 */
public final class NotComparableException extends RuntimeException {

    public NotComparableException(String message) {
        super(message);
    }
}
