package io.sendports.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;

import org.jboss.logging.Logger;

import io.sendports.SendportsConfig;
import io.sendports.broker.ShutdownOrder;
import io.sendports.broker.TopicSetup;
import io.sendports.camel.DeliveryMetrics;
import io.sendports.delivery.RetryWorker;
import io.sendports.control.ControlView;
import io.sendports.control.GroupRecord;
import io.sendports.control.PortRecord;
import io.sendports.control.Realizer;
import io.sendports.control.ViewListener;
import io.sendports.domain.GroupPath;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;
import io.sendports.domain.ServiceWindow;

/**
 * The one place that changes runtime state. It compares each port's desired state (the {@link ControlView})
 * with what runs on this instance (its route, its consumer group) and acts. Each port is always handled by
 * the same one of {@link #WORKERS} threads, so two changes of one port never race while different ports are
 * handled side by side. Listeners only signal it; a periodic pass repairs anything that failed.
 *
 * <p>Invariants: a port's route runs only while its desired state is started; a port has a consumer group
 * only while enlisted; a definition change replaces the route (stop gracefully, then start), so no message
 * is lost and at most the in-flight ones are delivered again; a port that is not enlisted has nothing parked
 * (its parked messages are suspended when it is unenlisted or deleted) and no retry group.
 */
@Startup
@ApplicationScoped
public class Reconciler implements ViewListener, Realizer {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    private static final Duration RESYNC = Duration.ofSeconds(10);
    static final int WORKERS = 4;

    private final ControlView view;
    private final PortRoutes routes;
    private final ConsumerGroups groups;
    private final ParkedMessages parked;
    private final DeliveryMetrics metrics;
    private final TopicSetup topics;
    private final PortStatuses statuses;
    private final Clock clock;
    private final String retryTopic;
    private final Map<String, Actual> actual = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Object realized = new Object();
    /** The revision of each group this instance has acted on for every port it concerns. */
    private final Map<String, Long> realizedGroups = new HashMap<>();
    /** Acts on group changes by handing each concerned port to its own thread, and waits for them. */
    private final ExecutorService groupWorker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sendports-reconciler-groups");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    /** Set when the service stops: nothing more is reconciled. */
    private volatile boolean stopping;
    /** Resync and service-window checks; they only signal ports. */
    private ScheduledExecutorService executor;
    /**
     * The threads that act on ports: a port always goes to the same one, so one port's changes are applied in
     * order, one at a time, while other ports' changes proceed beside them.
     */
    private final ExecutorService[] workers = new ExecutorService[WORKERS];

    /** What this instance has made real for one port. */
    private static final class Actual {
        /** The port's name as written (keys are lower-cased; routes and groups are named with this). */
        final String name;
        SendPort running;
        Instant runningEnlistment;
        Instant enlistedAt;
        boolean enlistmentKnown;
        volatile long revision = -1;
        volatile String error;
        String responseTopic;
        /** The group paths whose consumer groups this instance made, by consumer group. */
        final Map<String, GroupPath> paths = new ConcurrentHashMap<>();

        Actual(String name) {
            this.name = name;
        }
    }

    public Reconciler(ControlView view, PortRoutes routes, ConsumerGroups groups, ParkedMessages parked,
            DeliveryMetrics metrics, TopicSetup topics, PortStatuses statuses, Clock clock, SendportsConfig config) {
        this.parked = parked;
        this.statuses = statuses;
        this.topics = topics;
        this.view = view;
        this.routes = routes;
        this.groups = groups;
        this.metrics = metrics;
        this.clock = clock;
        this.retryTopic = config.topics().retry();
    }

    @PostConstruct
    void init() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sendports-reconciler");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < WORKERS; i++) {
            String name = "sendports-reconciler-" + i;
            workers[i] = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, name);
                thread.setDaemon(true);
                return thread;
            });
        }
        view.addListener(this);
        if (view.caughtUp()) {
            caughtUp();
        }
    }

    @Override
    public void portChanged(String name) {
        signal(name);
    }

    /**
     * A group changed: every port it concerns is reconciled (its members now, and the ports this instance has paths
     * of the group for), on the ports' own threads; then the group's revision counts as realized.
     */
    @Override
    public void groupChanged(String name) {
        if (stopping) {
            return;
        }
        try {
            groupWorker.execute(() -> realizeGroup(name));
        } catch (RejectedExecutionException stoppedMeanwhile) {
            // the service stops
        }
    }

    private void realizeGroup(String name) {
        GroupRecord group = view.group(name).orElse(null);
        Set<String> concerned = new java.util.TreeSet<>();
        if (group != null) {
            group.group().sendPorts().forEach(concerned::add);
        }
        String prefix = GroupPath.consumerGroup(name, "");
        for (Actual state : actual.values()) {
            if (state.paths.keySet().stream().anyMatch(g -> Names.key(g).startsWith(Names.key(prefix)))) {
                concerned.add(state.name);
            }
        }
        List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (String port : concerned) {
            try {
                done.add(worker(port).submit(() -> reconcile(port)));
            } catch (RejectedExecutionException stoppedMeanwhile) {
                return;
            }
        }
        for (java.util.concurrent.Future<?> each : done) {
            try {
                each.get();
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warnf("Reconciling group %s failed: %s", name, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        synchronized (realized) {
            if (group == null) {
                realizedGroups.remove(Names.key(name));
            } else {
                realizedGroups.merge(Names.key(name), group.revision(), Math::max);
            }
            realized.notifyAll();
        }
    }

    @Override
    public void caughtUp() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        statuses.start();
        view.ports().forEach(record -> signal(record.name()));
        view.groups().forEach(group -> groupChanged(group.name()));
        executor.scheduleWithFixedDelay(this::resync, RESYNC.toMillis(), RESYNC.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::checkWindows, 1, 1, TimeUnit.SECONDS);
    }

    /** Starts and stops the routes of ports whose service window opened or closed. */
    private void checkWindows() {
        for (PortRecord record : view.ports()) {
            if (record.state() == PortState.STARTED && record.port().serviceWindow() != null
                    && shouldRun(record) != routes.running(record.name())) {
                signal(record.name());
            }
        }
    }

    private boolean shouldRun(PortRecord record) {
        ServiceWindow window = record.port().serviceWindow();
        return record.state() == PortState.STARTED && (window == null || window.isOpen(clock.instant()));
    }

    /** Whether a port's service window is open now (true without a window). */
    public boolean windowOpen(SendPort port) {
        return port.serviceWindow() == null || port.serviceWindow().isOpen(clock.instant());
    }

    private void signal(String name) {
        String key = Names.key(name);
        if (stopping || !pending.add(key)) {
            return;
        }
        try {
            worker(key).execute(() -> {
                pending.remove(Names.key(name));
                if (!stopping) {
                    reconcile(name);
                }
            });
        } catch (RejectedExecutionException stoppedMeanwhile) {
            pending.remove(key);
        }
    }

    /** The thread that acts on a port. */
    private ExecutorService worker(String name) {
        return workers[Math.floorMod(Names.key(name).hashCode(), WORKERS)];
    }

    /**
     * Signals every port whose runtime drifted from its desired state, and every port deleted meanwhile. Lag is
     * not measured here: {@link PortStatuses} measures it on its own thread.
     */
    private void resync() {
        for (PortRecord record : view.ports()) {
            Actual state = actual.get(Names.key(record.name()));
            boolean drifted = state == null || state.error != null || shouldRun(record) != routes.running(record.name());
            if (drifted) {
                signal(record.name());
            }
        }
        for (Actual state : actual.values()) {
            if (view.port(state.name).isEmpty()) {
                signal(state.name);
            }
        }
    }

    /** Brings one port's runtime in line with its desired state. Runs on the port's reconciler thread only. */
    ReconcileResult reconcile(String name) {
        String key = Names.key(name);
        PortRecord desired = view.port(name).orElse(null);
        Actual state = actual.computeIfAbsent(key, k -> new Actual(name));
        try {
            ReconcileResult result = desired == null ? delete(name, state) : apply(desired, state);
            state.error = null;
            if (result != ReconcileResult.NOOP) {
                LOG.infof("Reconciled port %s: %s", desired == null ? name : desired.name(), result);
            }
            return result;
        } catch (RuntimeException e) {
            state.error = e.getMessage();
            LOG.warnf("Reconciling port %s failed (will retry): %s", name, e.getMessage());
            return ReconcileResult.FAILED;
        } finally {
            if (desired != null) {
                state.revision = desired.revision();
            }
            synchronized (realized) {
                realized.notifyAll();
            }
            // after the answer is released: the port's lag is measured on the status service's thread, not here
            statuses.changed(name);
        }
    }

    private ReconcileResult delete(String name, Actual state) {
        routes.stop(name);
        String group = state.running != null ? state.running.consumerGroup() : "sendports.port." + name;
        groups.unenlist(group);
        reconcilePaths(name, null, state);
        dropParked(name, "was deleted");
        actual.remove(Names.key(name));
        metrics.remove(name);
        return ReconcileResult.DELETED;
    }

    private ReconcileResult apply(PortRecord desired, Actual state) {
        ReconcileResult own = applyOwn(desired, state);
        boolean paths = reconcilePaths(desired.name(), desired, state);
        return own == ReconcileResult.NOOP && paths ? ReconcileResult.UPDATED : own;
    }

    /**
     * Brings a member's group paths in line with the view (DESIGN.md §3a): a consumer group for every enlisted group
     * the port belongs to, starting at the path's start; consumers for those whose group is started, while the port's
     * own route runs here (so they follow its state and service window). Consumers stop before their consumer group
     * is deleted or started anew, and a consumer group has its start offsets before its first consumer joins.
     *
     * @param desired the port, or null when it was deleted (every path goes)
     * @return whether anything changed
     */
    private boolean reconcilePaths(String name, PortRecord desired, Actual state) {
        List<GroupRecord> memberOf = desired == null ? List.of() : view.groupsOf(name);
        Map<String, GroupPath> wanted = new HashMap<>();
        List<GroupPath> run = new java.util.ArrayList<>();
        for (GroupPath path : GroupPaths.of(desired, memberOf)) {
            wanted.put(path.consumerGroup(), path);
            boolean started = view.group(path.group()).map(g -> g.state() == PortState.STARTED).orElse(false);
            if (started && state.running != null) {
                run.add(path);
            }
        }
        // first the consumers of paths that stay as they were; the others stop before their groups change
        List<GroupPath> keep = run.stream().filter(path -> sameGroup(state.paths.get(path.consumerGroup()), path))
                .toList();
        boolean changed = routes.paths(name, keep);
        for (GroupPath known : List.copyOf(state.paths.values())) {
            GroupPath now = wanted.get(known.consumerGroup());
            if (now == null || !now.start().equals(known.start())) {
                groups.unenlist(known.consumerGroup());
                state.paths.remove(known.consumerGroup());
                if (now == null) {
                    metrics.removePath(known.group(), known.member());
                }
                changed = true;
            }
        }
        for (GroupPath path : wanted.values()) {
            if (!sameGroup(state.paths.get(path.consumerGroup()), path)) {
                groups.startAt(path.consumerGroup(), path.subscription().topics(), path.start());
                changed = true;
            }
            state.paths.put(path.consumerGroup(), path);
        }
        return routes.paths(name, run) || changed;
    }

    /** Whether a path's consumer group, as made for {@code known}, serves {@code path}: same start and topics. */
    private static boolean sameGroup(GroupPath known, GroupPath path) {
        return known != null && known.start().equals(path.start())
                && known.subscription().topics().equals(path.subscription().topics());
    }

    private ReconcileResult applyOwn(PortRecord desired, Actual state) {
        SendPort port = desired.port();
        boolean enlistmentChanged = !state.enlistmentKnown || !Objects.equals(state.enlistedAt, desired.enlistedAt());
        boolean shouldRun = shouldRun(desired);
        boolean keepRoute = shouldRun && routes.running(port.name())
                && port.equals(state.running) && Objects.equals(state.runningEnlistment, desired.enlistedAt());
        if (keepRoute) {
            return ReconcileResult.NOOP;
        }
        boolean hadRoute = routes.exists(port.name());
        routes.stop(port.name());
        state.running = null;
        if (desired.state() == PortState.UNENLISTED) {
            if (enlistmentChanged && desired.revision() == 1) {
                // created unenlisted and never changed since: it never had a consumer group or parked messages to
                // drop, so the broker is not asked (an import of 500 ports made 1,000 needless calls)
                state.enlistedAt = null;
                state.enlistmentKnown = true;
            } else if (enlistmentChanged) {
                groups.unenlist(port.consumerGroup());
                dropParked(port.name(), "was unenlisted");
                state.enlistedAt = null;
                state.enlistmentKnown = true;
            }
            return hadRoute ? ReconcileResult.UPDATED : ReconcileResult.NOOP;
        }
        if (state.enlistmentKnown && !Objects.equals(state.enlistedAt, desired.enlistedAt())) {
            // A new enlistment that replaced one this instance knew (unenlist and enlist seen together):
            // drop the old group, so that nothing published in between is kept for the port.
            groups.unenlist(port.consumerGroup());
            dropParked(port.name(), "was unenlisted");
        }
        groups.enlist(port, desired.enlistedAt());
        if (port.parksRetries()) {
            groups.startAt(RetryWorker.group(port.name()), List.of(retryTopic), desired.enlistedAt());
        }
        state.enlistedAt = desired.enlistedAt();
        state.enlistmentKnown = true;
        if (!shouldRun) {
            return hadRoute ? ReconcileResult.UPDATED : ReconcileResult.NOOP;
        }
        if (port.isSolicitResponse() && !port.responseTopic().equals(state.responseTopic)) {
            topics.ensureTopic(port.responseTopic());
            state.responseTopic = port.responseTopic();
        }
        routes.start(port);
        state.running = port;
        state.runningEnlistment = desired.enlistedAt();
        return hadRoute ? ReconcileResult.UPDATED : ReconcileResult.CREATED;
    }

    /**
     * A port no longer subscribed (unenlisted or deleted) retries nothing: its parked messages are suspended, so
     * that operators see them, then its retry group is deleted. Its retry worker stopped with its route before.
     */
    private void dropParked(String name, String why) {
        long count = parked.suspendAll(name, why);
        if (count > 0) {
            LOG.infof("Suspended %d parked messages of port %s: it %s", count, name, why);
        }
        groups.unenlist(RetryWorker.group(name));
    }

    @Override
    public boolean awaitRealized(String name, long revision, Duration timeout) {
        String key = Names.key(name);
        return awaitUntil(timeout, () -> {
            Actual state = actual.get(key);
            return revision < 0 ? state == null : state != null && state.revision >= revision;
        });
    }

    @Override
    public boolean awaitGroupRealized(String name, long revision, Duration timeout) {
        String key = Names.key(name);
        return awaitUntil(timeout, () -> {
            Long done = realizedGroups.get(key);
            return revision < 0 ? done == null : done != null && done >= revision;
        });
    }

    /** Waits, on {@link #realized}, until {@code done} holds or the time is up; false then. */
    private boolean awaitUntil(Duration timeout, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (realized) {
            while (!done.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    realized.wait(Math.min(left, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** This instance's runtime facts about a port, for its status. */
    public RuntimeStatus status(String name) {
        Actual state = actual.get(Names.key(name));
        return new RuntimeStatus(routes.running(name), state == null ? null : state.error);
    }

    /** Whether the route of a port runs here, and why the last reconcile failed, if it did. */
    public record RuntimeStatus(boolean running, String reconcileError) {
    }

    /**
     * The service stops (before Camel and the embedded broker, {@link ShutdownOrder}): no port change is started
     * any more, the one under way finishes, then every port stops and its consumers leave their groups.
     */
    void stopping(@Observes @Priority(ShutdownOrder.PORTS) ShutdownEvent event) {
        stopping = true;
        executor.shutdownNow();
        groupWorker.shutdownNow();
        for (ExecutorService worker : workers) {
            worker.shutdown();
        }
        try {
            for (ExecutorService worker : workers) {
                worker.awaitTermination(PortRoutes.STOP_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        routes.stopAll();
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
        groupWorker.shutdownNow();
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
        }
    }
}
