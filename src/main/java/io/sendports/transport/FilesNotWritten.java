package io.sendports.transport;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Some files of a batch of files were not written; the others were. Each failure is kept with the position
 * of its message in the batch, so that only those messages are tried again.
 */
public final class FilesNotWritten extends RuntimeException {
    private final transient SortedMap<Integer, Exception> failures;
    private final int batchSize;

    public FilesNotWritten(Map<Integer, Exception> failures, int batchSize) {
        super(failures.size() + " of " + batchSize + " files not written; the first: "
                + failures.values().iterator().next(), failures.values().iterator().next());
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
        this.batchSize = batchSize;
    }

    /** Why each file that was not written was not, by the position of its message in the batch. */
    public SortedMap<Integer, Exception> failures() {
        return failures;
    }

    public int batchSize() {
        return batchSize;
    }
}
