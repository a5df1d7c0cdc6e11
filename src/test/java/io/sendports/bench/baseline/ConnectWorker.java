package io.sendports.bench.baseline;

import org.apache.kafka.connect.cli.ConnectStandalone;

/** Kafka Connect's standalone worker ({@link ConnectStandalone}) with its log going to the process's output. */
public final class ConnectWorker {
    private ConnectWorker() {
    }

    public static void main(String[] args) {
        ContenderLogging.toConsole();
        ConnectStandalone.main(args);
    }
}
