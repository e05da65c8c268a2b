package io.icebench.icecube.read;

import java.net.URI;

/**
 * One positioned read a remote dataset's reader issued: which file, where, how many bytes and how long the file
 * system took to deliver them. A batch file's column chunks arrive one fetch each, so the fetches of a read are its
 * column chunks as the network served them (plus a few for the footer).
 *
 * @param file   the file read
 * @param offset the byte offset in the file
 * @param bytes  the bytes fetched
 * @param nanos  the wall time of the read, as the reading thread saw it (other threads may have read at once)
 */
public record Fetch(URI file, long offset, int bytes, long nanos) {
}
