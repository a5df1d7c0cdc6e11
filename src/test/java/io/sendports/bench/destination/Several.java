package io.sendports.bench.destination;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Several destinations watched as one: the records that arrived at all of them together, each destination counting
 * its own once. A record missing at one destination and doubled at another counts as missing and as a duplicate.
 */
public final class Several implements Destination {
    private final List<Destination> destinations;

    public Several(List<Destination> destinations) {
        this.destinations = List.copyOf(destinations);
    }

    @Override
    public long arrived() throws Exception {
        long arrived = 0;
        for (Destination destination : destinations) {
            arrived += destination.arrived();
        }
        return arrived;
    }

    @Override
    public Duration pollInterval() {
        return destinations.get(0).pollInterval().multipliedBy(destinations.size());
    }

    /** The observer's polling times: the destinations' own windows do not add up. */
    @Override
    public Optional<Duration> arrivalWindow(long from) {
        return Optional.empty();
    }

    @Override
    public Tally tally() throws Exception {
        long distinct = 0;
        long duplicates = 0;
        for (Destination destination : destinations) {
            Tally tally = destination.tally();
            distinct += tally.distinct();
            duplicates += tally.duplicates();
        }
        return new Tally(distinct, duplicates);
    }

    @Override
    public void close() throws Exception {
        for (Destination destination : destinations) {
            destination.close();
        }
    }
}
