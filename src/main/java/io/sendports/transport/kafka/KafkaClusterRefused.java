package io.sendports.transport.kafka;

/**
 * A producer for another cluster that is not built: a property or the JAAS text a reference resolved to breaks the
 * kafka transport's rules ({@link KafkaClientProperties}, {@link JaasModules}), checked again whenever a producer is
 * built. Its message names the property and the reference, never a value; like {@code SecretUnavailable} it has no
 * cause and no stack trace. The port does not start, and its status shows the message.
 */
public final class KafkaClusterRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KafkaClusterRefused(String message) {
        super(message, null, false, false);
    }
}
