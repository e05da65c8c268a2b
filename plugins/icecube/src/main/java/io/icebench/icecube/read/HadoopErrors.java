package io.icebench.icecube.read;

import io.icebench.icecube.IcecubeDataException;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Hadoop's exceptions as one line naming the URI and the problem. Hadoop's own messages run over several lines
 * (a remote stack trace, a wiki link), so only the first line of the cause is kept.
 */
final class HadoopErrors {

    private HadoopErrors() {
    }

    /** {@code e} met while reaching {@code location}, the {@code what} ("dataset folder", "batch file"). */
    static IcecubeDataException describe(URI location, String what, IOException e) {
        Throwable root = e;
        if (e instanceof FileNotFoundException) {
            return new IcecubeDataException(location, what + " does not exist; check the URI", e);
        }
        if (isA(e, AccessControlException.class)) {
            return new IcecubeDataException(location, "permission denied: this user may not read the " + what
                    + " (" + firstLine(e) + "); ask its owner to grant read access, or use a copy of your own", e);
        }
        if (isA(e, java.nio.file.AccessDeniedException.class)) {
            // how S3A reports a 403: a wrong key or secret, or a policy that does not let these credentials read
            return new IcecubeDataException(location, "permission denied: the object store refused these "
                    + "credentials for the " + what + " (" + firstLine(e) + "); check AWS_ACCESS_KEY_ID and "
                    + "AWS_SECRET_ACCESS_KEY (or the credential provider) and the bucket's policy", e);
        }
        if (e instanceof UnsupportedFileSystemException) {
            return new IcecubeDataException(location, "no Hadoop file system for the scheme '" + location.getScheme()
                    + "' is on the class path (" + firstLine(e) + "); use hdfs://, file:// or a plain path, or add "
                    + "the file system's jar (hadoop-aws for s3a://)", e);
        }
        if (isA(e, ConnectException.class) || isA(e, NoRouteToHostException.class)
                || isA(e, UnknownHostException.class) || isA(e, SocketTimeoutException.class)
                || isA(e, org.apache.hadoop.net.ConnectTimeoutException.class)) {
            return new IcecubeDataException(location, "cannot reach the file system at " + authority(location)
                    + " (" + firstLine(root) + "); check the URI and that the "
                    + (isObjectStore(location) ? "endpoint (fs.s3a.endpoint)" : "namenode") + " is running", e);
        }
        return new IcecubeDataException(location, "cannot read the " + what + ": " + firstLine(e), e);
    }

    private static boolean isObjectStore(URI location) {
        String scheme = location.getScheme();
        return scheme != null && (scheme.equals("s3a") || scheme.equals("s3"));
    }

    private static boolean isA(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String authority(URI location) {
        return location.getAuthority() == null ? "the default file system (fs.defaultFS)" : location.getAuthority();
    }

    /** The exception's class and the first line of its message. */
    static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String line = (newline < 0 ? message : message.substring(0, newline)).trim();
        // Hadoop's connection messages end in a pointer to its wiki: not for a one-line error.
        int wiki = line.indexOf("; For more details see");
        if (wiki > 0) {
            line = line.substring(0, wiki);
        }
        // ... a socket timeout's in a dump of the channel, a missing block's in a list of its replicas.
        for (String dump : new String[] {" ch : ", " Block locations:"}) {
            int at = line.indexOf(dump);
            if (at > 0) {
                line = line.substring(0, at);
            }
        }
        return e.getClass().getSimpleName() + ": " + line;
    }
}
