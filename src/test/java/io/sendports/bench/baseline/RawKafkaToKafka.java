package io.sendports.bench.baseline;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Baseline of the Kafka-to-Kafka scenario: a consume-produce loop. Each record is sent with its key and
 * headers (as Sendports' Kafka transport keeps them) by a producer with Sendports' settings; a batch is
 * committed once the producer has flushed it and every send succeeded.
 *
 * <p>Arguments: {@code --bootstrap --topic --group --to}.
 */
public final class RawKafkaToKafka {
    private RawKafkaToKafka() {
    }

    public static void main(String[] argv) {
        Map<String, String> args = ConsumeLoop.args(argv, "bootstrap", "topic", "group", "to");
        String to = args.get("to");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                CamelKafkaTuning.producer(args.get("bootstrap"), "baseline-producer-" + args.get("group")));
        AtomicReference<Exception> failure = new AtomicReference<>();
        ConsumeLoop.run(args, batch -> {
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                producer.send(new ProducerRecord<>(to, null, null, record.key(), record.value(), record.headers()),
                        (metadata, error) -> {
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
            }
            producer.flush();
            if (failure.get() != null) {
                throw failure.get();
            }
        });
        producer.close();
    }
}
