package io.sendports.transport.kafka;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sendports.domain.Problems;

/**
 * A static kafka destination's producer settings, as options of the transport: {@code lingerMs} (Kafka's
 * {@code linger.ms}), {@code batchSize} ({@code batch.size}, bytes) and {@code compression}
 * ({@code compression.type}). Each one left out keeps the default (0 ms, 65,536 bytes, none: {@link KafkaTransport#PRODUCER_BATCH}
 * says why that batch), and is left out of the options written back. They apply to Sendports' own cluster and to another one alike; for another
 * cluster the same setting must not be given in {@code properties} too.
 *
 * @param lingerMs    null for the default
 * @param batchSize   null for the default
 * @param compression null for the default
 */
record ProducerTuning(Integer lingerMs, Integer batchSize, String compression) {
    static final ProducerTuning DEFAULTS = new ProducerTuning(null, null, null);
    static final Set<String> OPTIONS = Set.of("lingerMs", "batchSize", "compression");
    static final int MAX_LINGER_MS = 60_000;
    /** A batch larger than the producer's largest request ({@link KafkaTransport#PRODUCER_MAX_REQUEST}) never fills. */
    static final int MAX_BATCH = KafkaTransport.PRODUCER_MAX_REQUEST;
    static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");
    /** The Kafka client property each option stands for, for the check against another cluster's properties. */
    private static final Map<String, String> PROPERTY = Map.of("lingerMs", "linger.ms", "batchSize", "batch.size",
            "compression", "compression.type");

    /** The options' settings; null with the problems added when one is not valid. */
    static ProducerTuning parse(Map<String, Object> options, String field, Problems problems) {
        boolean ok = true;
        Integer linger = null;
        if (options.get("lingerMs") != null) {
            linger = whole(options.get("lingerMs"), 0, MAX_LINGER_MS, field + ".options.lingerMs", problems);
            ok = linger != null;
        }
        Integer batch = null;
        if (options.get("batchSize") != null) {
            batch = whole(options.get("batchSize"), 0, MAX_BATCH, field + ".options.batchSize", problems);
            ok &= batch != null;
        }
        String compression = null;
        Object raw = options.get("compression");
        if (raw != null) {
            if (raw instanceof String text && COMPRESSIONS.contains(text)) {
                compression = text;
            } else {
                problems.add(field + ".options.compression", "must be one of " + String.join(", ", COMPRESSIONS));
                ok = false;
            }
        }
        return ok ? new ProducerTuning(linger, batch, compression) : null;
    }

    private static Integer whole(Object value, int least, int most, String field, Problems problems) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            problems.add(field, "must be a whole number from " + least + " to " + most);
            return null;
        }
        BigInteger number = new BigInteger(value.toString());
        if (number.compareTo(BigInteger.valueOf(least)) < 0 || number.compareTo(BigInteger.valueOf(most)) > 0) {
            problems.add(field, "must be from " + least + " to " + most);
            return null;
        }
        return number.intValue();
    }

    /** Adds a problem for each setting given both as an option and in another cluster's {@code properties}. */
    boolean checkNotAlsoIn(Map<String, String> clusterSettings, String field, Problems problems) {
        boolean ok = true;
        for (Map.Entry<String, Object> option : options().entrySet()) {
            String property = PROPERTY.get(option.getKey());
            if (clusterSettings.containsKey(property)) {
                problems.add(field + ".options." + option.getKey(), "is given twice: also as options.properties."
                        + property + "; keep one");
                ok = false;
            }
        }
        return ok;
    }

    /** The options as the API writes them back: only those given. */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (lingerMs != null) {
            options.put("lingerMs", lingerMs);
        }
        if (batchSize != null) {
            options.put("batchSize", batchSize);
        }
        if (compression != null) {
            options.put("compression", compression);
        }
        return options;
    }

    /** The batch size the producer uses. */
    int batchSizeOrDefault() {
        return batchSize == null ? KafkaTransport.PRODUCER_BATCH : batchSize;
    }

    /**
     * Camel's Kafka endpoint options for the settings given, each {@code &name=value}, and always the batch size
     * (Sendports' default is not Camel's), held to {@code maxRequest} when that is smaller (a topic's
     * {@code max.message.bytes}).
     */
    String uriOptions(int maxRequest) {
        StringBuilder uri = new StringBuilder();
        if (lingerMs != null) {
            uri.append("&lingerMs=").append(lingerMs);
        }
        int batch = batchSizeOrDefault();
        if (maxRequest > 0 && maxRequest < KafkaTransport.PRODUCER_MAX_REQUEST) {
            uri.append("&maxRequestSize=").append(maxRequest);
            batch = Math.min(batch, maxRequest);
        }
        uri.append("&producerBatchSize=").append(batch);
        if (compression != null) {
            uri.append("&compressionCodec=").append(compression);
        }
        return uri.toString();
    }
}
