package io.sendports.bench.destination;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a solicit-response contender's work ends: the responses on its response topic
 * ({@link KafkaTopic#responses}), which it got from the receiver that answers its requests. Progress, the
 * arrival window and the tally are the topic's; the receiver is closed with it.
 */
public final class ResponseTopic implements Destination {
    private final HttpSink receiver;
    private final KafkaTopic responses;

    public ResponseTopic(HttpSink receiver, KafkaTopic responses) {
        this.receiver = receiver;
        this.responses = responses;
    }

    @Override
    public long arrived() {
        return responses.arrived();
    }

    @Override
    public Duration pollInterval() {
        return responses.pollInterval();
    }

    @Override
    public Optional<Duration> arrivalWindow(long from) {
        return responses.arrivalWindow(from);
    }

    @Override
    public Tally tally() {
        return responses.tally();
    }

    @Override
    public void close() {
        try {
            responses.close();
        } finally {
            receiver.close();
        }
    }
}
