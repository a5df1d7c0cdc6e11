package io.sendports.domain;

import java.util.Objects;

/** Where a static port delivers once its primary transport's retries are exhausted, with its own retries. */
public record BackupTransport(Destination destination, RetryPolicy retry) {
    public BackupTransport {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(retry, "retry");
    }
}
