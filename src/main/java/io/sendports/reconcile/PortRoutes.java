package io.sendports.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.support.service.ServiceHelper;
import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;
import io.sendports.broker.KafkaClients;
import io.sendports.broker.TopicSetup;
import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.Endpoints;
import io.sendports.camel.PortPipelines;
import io.sendports.camel.PortTemplates;
import io.sendports.control.Herder;
import io.sendports.delivery.Destinations;
import io.sendports.delivery.FailurePolicy;
import io.sendports.delivery.Parking;
import io.sendports.delivery.PathIntake;
import io.sendports.delivery.PortConsumer;
import io.sendports.delivery.PortPipeline;
import io.sendports.delivery.Responses;
import io.sendports.delivery.RetryWorker;
import io.sendports.domain.Destination;
import io.sendports.domain.DestinationPattern;
import io.sendports.domain.GroupPath;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.SendPort;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.Transport;
import io.sendports.transport.TransportRegistry;

/**
 * What runs for a started port on this instance: its Camel route (route id = port name), the consumers that
 * read its subscription and feed the route ({@link PortConsumer}), those of its started group paths, which feed the
 * same route, and, for an unordered port with retries, the worker that retries its parked messages.
 */
@ApplicationScoped
public class PortRoutes {
    private static final Logger LOG = Logger.getLogger(PortRoutes.class);
    static final long STOP_TIMEOUT_SECONDS = 30;

    private final CamelContext context;
    private final DeliveryMetrics metrics;
    private final PortPipelines pipelines;
    private final FailurePolicy failures;
    private final Parking parking;
    private final Responses responses;
    private final KafkaClients clients;
    private final Instance<Herder> herder;
    private final Clock clock;
    private final DeliveryContext delivery;
    private final SendportsConfig config;
    private final TopicSetup topics;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ExecutorService stopRequests = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sendports-stop-on-failure");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param paths the consumers of the port's group paths, by the path's consumer group; changed only on the port's
     *              reconciler thread
     */
    private record Running(PortPipeline pipeline, RetryWorker retryWorker, List<PortConsumer> consumers,
            AsyncProducer input, Map<String, PathRun> paths) {
    }

    /** The consumers of one group path of a started port. */
    private record PathRun(GroupPath path, List<PortConsumer> consumers) {
    }

    public PortRoutes(CamelContext context, DeliveryMetrics metrics, PortPipelines pipelines, FailurePolicy failures,
            Parking parking, Responses responses, KafkaClients clients, TopicSetup topics, Instance<Herder> herder,
            Clock clock, DeliveryContext delivery, SendportsConfig config) {
        this.delivery = delivery;
        this.config = config;
        this.topics = topics;
        this.responses = responses;
        this.context = context;
        this.metrics = metrics;
        this.pipelines = pipelines;
        this.failures = failures;
        this.parking = parking;
        this.clients = clients;
        this.herder = herder;
        this.clock = clock;
    }

    /**
     * Adds and starts the route of a port, then its consumer, and its retry worker when it parks retries.
     */
    public void start(SendPort port) {
        if (port.isSolicitResponse()) {
            metrics.forPort(port.name()).expectResponses();
        }
        beforeStart(port);
        PortPipeline pipeline = new PortPipeline(port, metrics.forPort(port.name()), failures, responses, delivery,
                reason -> requestStop(port.name(), reason));
        pipelines.register(port.name(), pipeline);
        RetryWorker worker = null;
        AsyncProducer input = null;
        List<PortConsumer> consumers = new ArrayList<>();
        try {
            TemplatedRouteBuilder route = TemplatedRouteBuilder
                    .builder(context, port.isDynamic() ? PortTemplates.DYNAMIC : PortTemplates.STATIC)
                    .routeId(port.name())
                    .parameter("input", Endpoints.input(port));
            if (!port.isDynamic()) {
                Destination destination = Destinations.sending(port, port.destination());
                int maxMessageBytes = destination.localTopic().map(topics::maxMessageBytes).orElse(-1);
                route.parameter("destination", TransportRegistry.of(destination).endpointUri(destination,
                        new Transport.EndpointUse(port.isSolicitResponse(), false, maxMessageBytes)));
            }
            route.add();
            context.getRouteController().startRoute(port.name());
            input = context.getEndpoint(Endpoints.input(port)).createAsyncProducer();
            ServiceHelper.startService(input);
            if (port.parksRetries()) {
                worker = new RetryWorker(port, clients, parking, failures, clock, config.delivery().retryIdle());
                worker.start();
            }
            consumers.addAll(consumers(port.name(), port.subscription().topics(), pipeline, input,
                    Endpoints.consumerProperties(port, clients.common()), pipeline));
            running.put(port.name(), new Running(pipeline, worker, List.copyOf(consumers), input,
                    new ConcurrentHashMap<>()));
        } catch (Exception e) {
            running.put(port.name(), new Running(pipeline, worker, List.copyOf(consumers), input,
                    new ConcurrentHashMap<>()));
            stop(port.name());
            throw new IllegalStateException("cannot start the route of port " + port.name() + ": " + e.getMessage(), e);
        }
    }

    /** Lets each transport the port uses prepare for it (the file transport removes stale temporary files). */
    private static void beforeStart(SendPort port) {
        for (Transport transport : TransportRegistry.transports()) {
            List<Destination> destinations = new ArrayList<>();
            if (port.destination() != null && port.destination().type().equals(transport.type())) {
                destinations.add(port.destination());
            }
            if (port.backup() != null && port.backup().destination().type().equals(transport.type())) {
                destinations.add(port.backup().destination());
            }
            List<DestinationPattern> patterns = port.allowedDestinations() == null ? List.of()
                    : port.allowedDestinations().patterns(transport.type());
            if (!destinations.isEmpty() || !patterns.isEmpty()) {
                transport.beforeStart(port.name(), destinations, patterns);
            }
        }
    }

    /**
     * Starts the consumers of one subscription of a started port (its own, or a group path's) that feed the port's
     * route: one per subscribed partition, at most {@code sendports.delivery.consumers} (Kafka Connect runs a task per
     * partition for the same reason: one consumer has one fetch in flight to a broker at a time). The count is
     * taken when they start; each has its share of the port's deliveries in flight.
     */
    private List<PortConsumer> consumers(String name, List<String> topics, PortPipeline pipeline, AsyncProducer input,
            Map<String, Object> properties, PortConsumer.Intake intake) {
        int count = consumerCount(topics);
        int inFlight = Math.max(1,
                pipeline.maxInFlight(config.delivery().maxInFlight(), config.delivery().fileWriters()) / count);
        List<PortConsumer> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PortConsumer consumer = new PortConsumer(name + (count == 1 ? "" : "-" + (i + 1)), properties, topics,
                    intake, sender(input, pipeline), inFlight, pipeline.oneUnitPerPartition(), clock);
            started.add(consumer);
            consumer.start();
        }
        return started;
    }

    /**
     * Keeps exactly the given group paths of a started port delivering (DESIGN.md §3a): a path's consumers feed the
     * port's route, so its messages go through the member's own steps. A path that changed in any way (its group's
     * subscription, its start, the subscriptions before it) is started again; its consumers commit what they
     * delivered before they stop. Called on the port's reconciler thread only.
     *
     * @return whether any path was started or stopped
     */
    public boolean paths(String name, List<GroupPath> wanted) {
        Running current = running.get(name);
        if (current == null) {
            return false;
        }
        boolean changed = false;
        for (PathRun run : List.copyOf(current.paths().values())) {
            if (!wanted.contains(run.path())) {
                current.paths().remove(run.path().consumerGroup());
                run.consumers().parallelStream().forEach(PortConsumer::stop);
                changed = true;
            }
        }
        for (GroupPath path : wanted) {
            if (!current.paths().containsKey(path.consumerGroup())) {
                PathIntake intake = new PathIntake(current.pipeline(), path,
                        metrics.forPath(path.group(), path.member())::routed);
                current.paths().put(path.consumerGroup(), new PathRun(path, consumers(name + "-via-" + path.group(),
                        path.subscription().topics(), current.pipeline(), current.input(),
                        Endpoints.consumerProperties(path, clients.common()), intake)));
                changed = true;
            }
        }
        return changed;
    }

    /** The group paths whose consumers run for a port on this instance. */
    public List<GroupPath> paths(String name) {
        Running current = running.get(name);
        return current == null ? List.of() : current.paths().values().stream().map(PathRun::path).toList();
    }

    private int consumerCount(List<String> topics) {
        int most = Math.max(1, config.delivery().consumers());
        if (most == 1) {
            return 1;
        }
        try {
            int partitions = clients.admin().describeTopics(topics).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values().stream().mapToInt(topic -> topic.partitions().size()).sum();
            return Math.max(1, Math.min(most, partitions));
        } catch (Exception e) {
            // A topic that does not exist yet: one consumer, which takes its partitions when it appears.
            return 1;
        }
    }

    /** Sends a unit into the port's route; done when the route finished with it (asynchronously for Kafka). */
    private static PortConsumer.Sender sender(AsyncProducer input, PortPipeline pipeline) {
        return (unit, done) -> {
            Exchange exchange = input.getEndpoint().createExchange();
            // the route prepares the outgoing message, inside its try (PortSteps.prepare)
            exchange.setProperty(PortPipeline.UNIT, unit);
            input.process(exchange, doneSync -> done.accept(exchange.getException()));
        };
    }

    /**
     * Stops a port: its consumer first (deliveries in flight finish and their offsets are committed; an
     * ordered port waiting to retry gives up the wait, leaving its message uncommitted), then its retry worker
     * and its route, which is removed.
     */
    public void stop(String name) {
        Running current = running.remove(name);
        if (current != null) {
            current.pipeline().stopping();
            // Side by side: each waits for its own deliveries.
            allConsumers(current).parallelStream().forEach(PortConsumer::stop);
            if (current.retryWorker() != null) {
                current.retryWorker().stop();
            }
            if (current.input() != null) {
                ServiceHelper.stopService(current.input());
            }
        }
        Route route = context.getRoute(name);
        if (route != null) {
            try {
                context.getRouteController().stopRoute(name, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                context.removeRoute(name);
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the route of port " + name + ": " + e.getMessage(), e);
            }
        }
        pipelines.unregister(name);
    }

    /**
     * Stops every port, as the service stops: every consumer and retry worker is told at once to take nothing
     * more; then each port is stopped as by {@link #stop} (deliveries in flight finish and are committed), and
     * this waits until every consumer has left its group, which {@link #stop} leaves to the background.
     */
    public void stopAll() {
        Map<String, Running> all = Map.copyOf(running);
        for (Running current : all.values()) {
            current.pipeline().stopping();
            allConsumers(current).forEach(PortConsumer::requestStop);
            if (current.retryWorker() != null) {
                current.retryWorker().requestStop();
            }
        }
        all.keySet().parallelStream().forEach(this::stop);
        all.forEach((name, current) -> {
            boolean closed = allConsumers(current).stream().allMatch(c -> c.awaitClosed(CLOSE_TIMEOUT))
                    & (current.retryWorker() == null || current.retryWorker().awaitClosed(CLOSE_TIMEOUT));
            if (!closed) {
                LOG.warnf("A consumer of port %s had not left its group %s after stopping", name, CLOSE_TIMEOUT);
            }
        });
    }

    /** A port's own consumers and those of its group paths. */
    private static List<PortConsumer> allConsumers(Running current) {
        List<PortConsumer> all = new ArrayList<>(current.consumers());
        current.paths().values().forEach(run -> all.addAll(run.consumers()));
        return all;
    }

    /** How long a stopped consumer may take to leave its group when the service stops. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    public boolean exists(String name) {
        return context.getRoute(name) != null;
    }

    public boolean running(String name) {
        Running current = running.get(name);
        return current != null && !current.consumers().isEmpty()
                && current.consumers().stream().allMatch(PortConsumer::running)
                && context.getRouteController().getRouteStatus(name) == ServiceStatus.Started;
    }

    /** An ordered port that stops on failure: the stop is a management event like an operator's. */
    private void requestStop(String name, String reason) {
        stopRequests.execute(() -> {
            try {
                herder.get().lifecycle(name, LifecycleAction.STOP, "sendports", reason);
                LOG.warnf("Stopped port %s: %s", name, reason);
            } catch (RuntimeException e) {
                LOG.errorf("Could not stop port %s after a failure (%s): %s", name, reason, e.getMessage());
            }
        });
    }

    @PreDestroy
    void close() {
        stopRequests.shutdownNow();
    }
}
