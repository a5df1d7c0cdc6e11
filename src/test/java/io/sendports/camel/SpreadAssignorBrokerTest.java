package io.sendports.camel;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sendports.broker.KafkaBroker;
import io.sendports.broker.SpreadAssignor;

/**
 * Port consumers of two instances, four each as a port runs them, on a real broker and a four-partition topic:
 * each instance holds two partitions (Kafka's own assignors balance consumers, and could leave one instance
 * without any); when one instance leaves, the other takes all four.
 */
class SpreadAssignorBrokerTest {
    @TempDir
    Path work;

    /** One consumer polling on its own thread, with the partitions it holds now. */
    private static final class Member implements AutoCloseable {
        final String instance;
        final Set<TopicPartition> held = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Member(String instance, Map<String, Object> properties, String topic) {
            this.instance = instance;
            Map<String, Object> mine = new HashMap<>(properties);
            mine.put(SpreadAssignor.INSTANCE, instance);
            this.thread = new Thread(() -> {
                try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(mine, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (running.get()) {
                        consumer.poll(Duration.ofMillis(100));
                        held.clear();
                        held.addAll(consumer.assignment());
                    }
                }
                held.clear();
            }, "member-" + instance);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    @Test
    void everyInstanceTakesItsShareWhateverItsConsumers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.freePort(), KafkaBroker.freePort());
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("spread", 4, (short) 1))).all().get();
            Map<String, Object> properties = new HashMap<>(Endpoints.consumerProperties("sendports.port.spread-port",
                    "sendports-spread-port", Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())));
            List<Member> a = new ArrayList<>();
            List<Member> b = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    a.add(new Member("instance-a", properties, "spread"));
                    b.add(new Member("instance-b", properties, "spread"));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> held(a) == 2 && held(b) == 2);
                for (Member member : a) {
                    member.close();
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> held(b) == 4);
            } finally {
                for (Member member : a) {
                    member.close();
                }
                for (Member member : b) {
                    member.close();
                }
            }
        }
    }

    private static int held(List<Member> instance) {
        return instance.stream().mapToInt(member -> member.held.size()).sum();
    }
}
