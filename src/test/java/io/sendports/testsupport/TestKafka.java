package io.sendports.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka clients against the test broker: what an outside producer or consumer would do. */
public final class TestKafka {
    private TestKafka() {
    }

    /** A topic name no other test uses. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    public static void publish(String topic, String key, String value, Map<String, String> headers) {
        publish(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static void publish(String topic, byte[] key, byte[] value, Map<String, String> headers) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<org.apache.kafka.common.header.Header> list = new ArrayList<>();
            headers.forEach((name, text) -> list.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
            producer.send(new ProducerRecord<>(topic, null, key, value, list)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads a topic from the beginning until {@code count} records arrived or the time is up. */
    public static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        Map<String, Object> config = Map.of(
                "bootstrap.servers", KafkaTestResource.bootstrapServers(),
                "group.id", "test-reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest",
                "enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** The sum of a topic's end offsets: it grows with every record written to the topic. */
    public static long endOffset(String topic) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", KafkaTestResource.bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().forEach(partition ->
                    latest.put(new org.apache.kafka.common.TopicPartition(topic, partition.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream()
                    .mapToLong(org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Every record of a topic as text: key, value and headers (for the tests that look for secrets). */
    public static List<String> texts(String topic) {
        List<String> texts = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : read(topic, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            StringBuilder text = new StringBuilder(String.valueOf(text(record.key()))).append(' ')
                    .append(text(record.value()));
            for (org.apache.kafka.common.header.Header header : record.headers()) {
                text.append(' ').append(header.key()).append('=').append(text(header.value()));
            }
            texts.add(text.toString());
        }
        return texts;
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }
}
