package io.icebench.runner;

/**
 * A problem the user can fix: a bad option, a bad configuration key, an unknown plugin. The message is one line
 * that quotes the offending value and says the fix; the runner prints it and exits with
 * {@link ExitCodes#USAGE}.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
