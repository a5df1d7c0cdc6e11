package io.sendports.bench.baseline;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Baseline of the Kafka-to-Kafka scenario as a Kafka user would write it: a Kafka Streams pass-through,
 * {@code builder.stream(in).to(out)} with byte-array serdes (keys, values and headers go through as they are),
 * at-least-once, {@code --threads} stream threads (the partition count). With {@code --producer=matched} its
 * producer has the settings of a Sendports Kafka port ({@link CamelKafkaTuning#producerTuning()}: linger.ms 0,
 * batch.size 65536, acks all, idempotence, ...); with {@code --producer=defaults}, Kafka Streams' own. Its
 * consumers keep Streams' settings either way. A new {@code --application-id} reads the topic from its beginning.
 * A stream thread that fails ends the process with status 2, which the harness reports.
 *
 * <p>Arguments: {@code --bootstrap --topic --to --application-id --state-dir --threads --producer=matched|defaults}.
 */
public final class StreamsPassThrough {
    private StreamsPassThrough() {
    }

    public static void main(String[] argv) {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "to", "application-id", "state-dir",
                "threads", "producer");
        ContenderLogging.toConsole();
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, args.get("application-id"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("bootstrap"));
        config.put(StreamsConfig.STATE_DIR_CONFIG, args.get("state-dir"));
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, args.get("threads"));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        switch (args.get("producer")) {
            case "matched" -> CamelKafkaTuning.producerTuning()
                    .forEach((name, value) -> config.put(StreamsConfig.producerPrefix(name), value));
            case "defaults" -> {
            }
            default -> throw new IllegalArgumentException("--producer is matched or defaults, not " + args.get("producer"));
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(args.get("topic"), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(args.get("to"), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.setUncaughtExceptionHandler(error -> {
            ConsumeLoop.fail(error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT; // not reached: the process has ended
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        streams.start();
    }
}
