package io.sendports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sendports.bench.Scenario.BaselineSide;
import io.sendports.bench.baseline.RawFilePerMessage;
import io.sendports.bench.baseline.RawHttp;
import io.sendports.bench.baseline.RawHttpLoad;
import io.sendports.bench.baseline.RawKafkaToKafka;
import io.sendports.bench.baseline.RawSolicitResponse;
import io.sendports.bench.baseline.StreamsPassThrough;
import io.sendports.bench.destination.AppendedFile;
import io.sendports.bench.destination.FileDirectory;
import io.sendports.bench.destination.HttpSink;
import io.sendports.bench.destination.KafkaTopic;
import io.sendports.bench.destination.ResponseTopic;

/**
 * The benchmark's scenarios (docs/PERFORMANCE.md). The throughput scenarios ({@link #all()}) each run a static port
 * against one or more baselines on the same preloaded records: what a user would run instead (Kafka Connect, Kafka
 * Streams), what the destination can take at most (the receiver's ceiling), and a hand-written loop that does the
 * same work with the same client settings. The measured scenarios ({@link #measured()}) report figures of their own
 * against absolute targets. Each baseline's default target is its issue's (issue 6 for Connect and the loops,
 * issue 17 for Streams and the receiver's ceiling).
 */
public final class Scenarios {
    /**
     * Messages a contender has in flight at once on the HTTP scenarios: 32 unless {@code -Dbench.http.in-flight}
     * says otherwise. Sendports gets it as {@code sendports.delivery.max-in-flight} (the delivery engine's limit per
     * port, whose default is 32; {@link SendportsService} passes it), the baselines as their limit of outstanding
     * requests, so both sides are held to the same window.
     */
    public static final int HTTP_IN_FLIGHT = Integer.getInteger("bench.http.in-flight", 32);
    /** The id of the hand-written loops. */
    static final String LOOP = "loop";
    /** The id of the HTTP scenarios' receiver's ceiling. */
    static final String RECEIVER_CEILING = "receiver-ceiling";

    private Scenarios() {
    }

    /** The throughput scenarios. */
    public static List<Scenario> all() {
        return List.of(new FileAppend(), new FilePerMessage(), new HttpOneWay(), new KafkaToKafka(), new SolicitResponse());
    }

    /**
     * The measured scenarios: latency under a steady load, the control plane with many ports, a send port group
     * against the ports it stands for, authentication, a bindings import, the console, and throughput and memory as
     * instances are added.
     */
    public static List<MeasuredScenario> measured() {
        return List.of(new LatencyScenario(), new ControlPlaneScenario(), new GroupFanoutScenario(), new AuthScenario(),
                new BindingsImportScenario(), new ConsoleScenario(), new ScaleOutScenario());
    }

    /** Every record appended to one file; against Kafka Connect's FileStreamSink with one task per partition. */
    static final class FileAppend extends Scenario {
        FileAppend() {
            super("file-append", "file append, static one-way", 1_000_000, 200);
        }

        @Override
        public SendportsSide sendports(ScenarioRun run) throws Exception {
            Path dir = Files.createDirectories(run.workDir().resolve("sendports-out"));
            String transport = "{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(dir)
                    + "\",\"options\":{\"fileName\":\"out.txt\",\"mode\":\"append\"}}";
            // Sendports appends the value as it is.
            return new SendportsSide(transport, new AppendedFile(dir.resolve("out.txt"), recordSize(), recordSize()));
        }

        @Override
        public List<Baseline> baselines() {
            return List.of(new Baseline("connect", "Kafka Connect FileStreamSink (standalone, tasks = partitions)", 1.0,
                    this::connect));
        }

        private BaselineSide connect(ScenarioRun run) throws Exception {
            Path dir = Files.createDirectories(run.workDir().resolve("connect-out"));
            Path file = dir.resolve("out.txt");
            JavaProcess connect = KafkaConnectStandalone.fileSink(run.cluster().bootstrapServers(), run.sourceTopic(),
                    run.name("connect"), run.partitions(), file, run.workDir());
            // FileStreamSink prints the value and a line separator.
            int perRecord = recordSize() + System.lineSeparator().length();
            return new BaselineSide(connect, new AppendedFile(file, recordSize(), perRecord));
        }
    }

    /** One file per record, written under a temporary name and renamed onto its final one. */
    static final class FilePerMessage extends Scenario {
        FilePerMessage() {
            super("file-per-message", "file per message (temp + atomic rename)", 100_000, 1024);
        }

        @Override
        public boolean fileNameHeader() {
            return true;
        }

        @Override
        public SendportsSide sendports(ScenarioRun run) throws Exception {
            Path dir = Files.createDirectories(run.workDir().resolve("sendports-out"));
            String transport = "{\"type\":\"file\",\"address\":\"" + ScenarioRun.fileAddress(dir)
                    + "\",\"options\":{\"fileName\":\"%SourceFileName%\",\"mode\":\"overwrite\"}}";
            return new SendportsSide(transport, new FileDirectory(dir));
        }

        @Override
        public List<Baseline> baselines() {
            return List.of(new Baseline(LOOP, "KafkaConsumer loop, same writes", 0.8, run -> {
                Path dir = Files.createDirectories(run.workDir().resolve("baseline-out"));
                return BaselineSide.start(new FileDirectory(dir), () -> loop(run, RawFilePerMessage.class, "--dir=" + dir));
            }));
        }
    }

    /** HTTP POST of every record to a receiver on the loopback interface. */
    static final class HttpOneWay extends Scenario {
        HttpOneWay() {
            super("http-one-way", "http one-way to a loopback receiver", 200_000, 1024);
        }

        @Override
        public SendportsSide sendports(ScenarioRun run) throws Exception {
            HttpSink sink = new HttpSink();
            return new SendportsSide("{\"type\":\"http\",\"address\":\"" + sink.url() + "\"}", sink);
        }

        @Override
        public List<Baseline> baselines() {
            return List.of(receiverCeiling(0.5, false),
                    new Baseline(LOOP, "KafkaConsumer + async java.net.http, " + HTTP_IN_FLIGHT + " in flight", 0.8, run -> {
                        HttpSink sink = new HttpSink();
                        return BaselineSide.start(sink, () -> loop(run, RawHttp.class, "--url=" + sink.url(),
                                "--in-flight=" + HTTP_IN_FLIGHT));
                    }));
        }
    }

    /** Every record produced, with its key and headers, to another topic of the same cluster. */
    static final class KafkaToKafka extends Scenario {
        KafkaToKafka() {
            super("kafka-to-kafka", "kafka to kafka", 1_000_000, 200);
        }

        @Override
        public SendportsSide sendports(ScenarioRun run) throws Exception {
            String topic = run.name("out-sendports");
            // -Dbench.kafka.options={"lingerMs":5}: the port's producer settings (the defaults when unset)
            String options = System.getProperty("bench.kafka.options", "").trim();
            return new SendportsSide("{\"type\":\"kafka\",\"address\":\"kafka:" + topic + "\""
                    + (options.isEmpty() ? "" : ",\"options\":" + options) + "}", destination(run, topic));
        }

        @Override
        public List<Baseline> baselines() {
            return List.of(
                    streams("streams-matched", "Kafka Streams pass-through, producer as Sendports' Kafka port (linger.ms 0, "
                            + "batch.size 65536, acks all, idempotence), stream threads = partitions", 1.2, "matched"),
                    streams("streams-defaults", "the same Kafka Streams pass-through at Streams' own producer defaults",
                            1.0, "defaults"),
                    new Baseline(LOOP, "KafkaConsumer/KafkaProducer loop", 0.8, run -> {
                        String topic = run.name("out-" + LOOP);
                        return BaselineSide.start(destination(run, topic), () -> loop(run, RawKafkaToKafka.class, "--to=" + topic));
                    }));
        }

        /** {@link StreamsPassThrough} with its own application id and state directory, reading from the beginning. */
        private static Baseline streams(String id, String description, double target, String producer) {
            return new Baseline(id, description, target, run -> {
                String topic = run.name("out-" + id);
                return BaselineSide.start(destination(run, topic), () -> JavaProcess.main(id, run.workDir(),
                        StreamsPassThrough.class.getName(), List.of("--bootstrap=" + run.cluster().bootstrapServers(),
                                "--topic=" + run.sourceTopic(), "--to=" + topic, "--application-id=" + run.name(id),
                                "--state-dir=" + run.workDir().resolve(id + "-state"), "--threads=" + run.partitions(),
                                "--producer=" + producer), List.of()));
            });
        }

        /** A new topic whose records carry the broker's append time, watched. */
        private static KafkaTopic destination(ScenarioRun run, String topic) throws Exception {
            run.cluster().createAppendTimeTopic(topic, run.partitions());
            return new KafkaTopic(run.cluster().bootstrapServers(), topic, run.partitions());
        }
    }

    /**
     * Solicit-response over HTTP: every record POSTed to a receiver that answers with a small body naming the
     * record, and every answer published to a response topic. Done when each record's response is on that topic.
     */
    static final class SolicitResponse extends Scenario {
        SolicitResponse() {
            super("solicit-response", "solicit-response http, responses published", 100_000, 1024);
        }

        @Override
        public SendportsSide sendports(ScenarioRun run) throws Exception {
            String responses = run.name("responses-sendports");
            HttpSink receiver = HttpSink.answering();
            ResponseTopic destination = responseTopic(run, responses, receiver);
            return new SendportsSide("{\"type\":\"http\",\"address\":\"" + receiver.url() + "\"}", destination, responses);
        }

        @Override
        public List<Baseline> baselines() {
            return List.of(receiverCeiling(0.35, true),
                    new Baseline(LOOP, "KafkaConsumer + async java.net.http + KafkaProducer, " + HTTP_IN_FLIGHT + " in flight",
                            0.7, run -> {
                                String responses = run.name("responses-" + LOOP);
                                HttpSink receiver = HttpSink.answering();
                                return BaselineSide.start(responseTopic(run, responses, receiver), () -> loop(run,
                                        RawSolicitResponse.class, "--url=" + receiver.url(), "--in-flight=" + HTTP_IN_FLIGHT,
                                        "--responses=" + responses));
                            }));
        }

        /** A new response topic (its records stamped with the broker's append time), watched with its receiver. */
        private static ResponseTopic responseTopic(ScenarioRun run, String topic, HttpSink receiver) throws Exception {
            try {
                run.cluster().createAppendTimeTopic(topic, run.partitions());
                return new ResponseTopic(receiver, KafkaTopic.responses(run.cluster().bootstrapServers(), topic,
                        run.partitions(), run.sourceTopic()));
            } catch (Exception e) {
                receiver.close();
                throw e;
            }
        }
    }

    /**
     * A hand-written baseline ({@code bench/baseline}) on this round's source topic with a new consumer group;
     * {@code more} are its own arguments.
     */
    private static JavaProcess loop(ScenarioRun run, Class<?> main, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--bootstrap=" + run.cluster().bootstrapServers(),
                "--topic=" + run.sourceTopic(), "--group=" + run.name(LOOP)));
        args.addAll(List.of(more));
        return JavaProcess.main(LOOP, run.workDir(), main.getName(), args, List.of());
    }

    /**
     * The HTTP scenarios' first baseline: what a new receiver of the same kind answers to {@link RawHttpLoad}, a raw
     * load client with as many requests in flight, as many requests as the scenario has records, of the same size.
     * It reads no topic; the receiver counts the requests as it does for the others.
     *
     * @param answering a receiver that answers each record with a body, as the solicit-response scenario's does
     */
    private static Baseline receiverCeiling(double target, boolean answering) {
        return new Baseline(RECEIVER_CEILING, "the receiver's ceiling: a raw HTTP/1.1 load client, " + HTTP_IN_FLIGHT
                + " keep-alive connections, no Kafka" + (answering ? ", answers read, no responses published" : ""), target,
                run -> {
                    HttpSink receiver = answering ? HttpSink.answering() : new HttpSink();
                    return BaselineSide.start(receiver, () -> JavaProcess.main(RECEIVER_CEILING, run.workDir(),
                            RawHttpLoad.class.getName(), List.of("--url=" + receiver.url(), "--in-flight=" + HTTP_IN_FLIGHT,
                                    "--records=" + run.records(), "--size=" + run.recordSize(), "--answers=" + answering),
                            List.of()));
                });
    }
}
