package io.icebench.icecube.read;

/**
 * One column chunk of one row group, the unit a parallel read starts from: decoded into
 * {@code target[from..to)}, where index 0 of the target is row {@code rowBase} of the file.
 *
 * @param bytes the chunk's size in the file, by which tasks are ordered largest first
 */
record ChunkTask(int group, ColumnarFile.Request request, int from, int to, long rowBase, long bytes) {

    /** The chunk, for messages: "column 'charge', row group 3". */
    String where() {
        return "column '" + request.target().name + "', row group " + group;
    }
}
