package io.sendports.transport.kafka;

import io.sendports.domain.DestinationPattern;
import io.sendports.domain.DestinationRefused;
import io.sendports.domain.Glob;
import io.sendports.domain.Names;

/**
 * An allow-list pattern for Kafka destinations, such as {@code kafka:orders-*}. Topic names are
 * case-sensitive in Kafka, so the match is too.
 *
 * <p>Invariant: {@code topicGlob} is made of legal topic characters and {@code *}, which matches any run of
 * legal topic characters (dots included: topic names have no hierarchy).
 */
record KafkaPattern(String text, String topicGlob) implements DestinationPattern {
    static final String SCHEME = "kafka:";

    /** @throws DestinationRefused when the text is not a valid pattern */
    static KafkaPattern parse(String text) {
        String glob = text.strip().substring(SCHEME.length());
        String error = Names.topicNameError(glob.replace('*', 'x'));
        if (error != null) {
            throw new DestinationRefused("topic pattern " + error);
        }
        return new KafkaPattern(text, glob);
    }

    boolean matches(String topic) {
        return Glob.matches(topicGlob, topic);
    }
}
