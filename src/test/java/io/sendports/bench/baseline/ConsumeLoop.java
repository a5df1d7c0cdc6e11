package io.sendports.bench.baseline;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The skeleton every hand-written baseline shares: one KafkaConsumer with {@link CamelKafkaTuning}, each polled
 * batch handed to a {@link Delivery}, and the batch's offsets committed synchronously only after the delivery
 * finished, which is the at-least-once contract Sendports keeps. Runs until the process is told to stop
 * (SIGTERM); any delivery error ends the process with status 2, which the harness reports.
 */
public final class ConsumeLoop {

    /** Delivers one polled batch; returns only when every record of it is at its destination. */
    public interface Delivery {
        void deliver(ConsumerRecords<byte[], byte[]> batch) throws Exception;
    }

    private ConsumeLoop() {
    }

    /** Arguments are {@code --name=value} pairs. */
    public static Map<String, String> args(String[] args, String... required) {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            parsed.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        for (String name : required) {
            if (!parsed.containsKey(name)) {
                throw new IllegalArgumentException("missing --" + name + "=...");
            }
        }
        return parsed;
    }

    public static void run(Map<String, String> args, Delivery delivery) {
        ContenderLogging.toConsole();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(CamelKafkaTuning.consumer(
                args.get("bootstrap"), args.get("group"), "baseline-" + args.get("group")));
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.wakeup();
            try {
                main.join(10_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        try (consumer) {
            consumer.subscribe(List.of(args.get("topic")));
            while (true) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(CamelKafkaTuning.POLL_TIMEOUT_MS));
                if (batch.isEmpty()) {
                    continue;
                }
                delivery.deliver(batch);
                consumer.commitSync();
            }
        } catch (WakeupException stopping) {
            // SIGTERM: the last batch was delivered and committed, or will be delivered again next time.
        } catch (Exception e) {
            fail(e);
        }
    }

    /** Ends a baseline's process at once with status 2, which the harness reports with the end of its log. */
    public static void fail(Throwable error) {
        System.err.println("baseline failed: " + error);
        error.printStackTrace();
        Runtime.getRuntime().halt(2);
    }

    /** {@code <topic>/<partition>/<offset>}, as Sendports names a record's source. */
    public static String source(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }
}
