package io.sendports.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.PathMetrics;
import io.sendports.camel.PortMetrics;
import io.sendports.control.GroupDocument;
import io.sendports.control.GroupDocuments;
import io.sendports.control.GroupRecord;
import io.sendports.control.Herder;
import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.control.PortRecord;
import io.sendports.domain.Names;
import io.sendports.domain.PortState;
import io.sendports.reconcile.PortStatuses;
import io.sendports.reconcile.Reconciler;
import io.sendports.suspended.SuspendedStore;

/**
 * Ports and groups as the API shows them: the definition with its state, groups and runtime status. One place
 * computes the status, for the REST resources and the console alike, from memory only: the lag is the last one
 * {@link PortStatuses} measured (no broker call per read), the counts are this instance's meters.
 */
@ApplicationScoped
public class EntityViews {
    private final Herder herder;
    private final Reconciler reconciler;
    private final PortStatuses statuses;
    private final DeliveryMetrics metrics;
    private final SuspendedStore suspended;

    public EntityViews(Herder herder, Reconciler reconciler, PortStatuses statuses, DeliveryMetrics metrics,
            SuspendedStore suspended) {
        this.herder = herder;
        this.reconciler = reconciler;
        this.statuses = statuses;
        this.metrics = metrics;
        this.suspended = suspended;
    }

    /** Every port, sorted by name. */
    public List<PortDocument> ports() {
        Map<String, Long> suspendedCounts = suspended.counts();
        Map<String, List<String>> memberships = herder.memberships();
        List<PortRecord> records = herder.ports();
        List<PortDocument> documents = new ArrayList<>(records.size());
        for (PortRecord record : records) {
            String key = Names.key(record.name());
            documents.add(document(record, portStatus(record, suspendedCounts.getOrDefault(key, 0L)),
                    memberships.getOrDefault(key, List.of())));
        }
        return documents;
    }

    /** One port with its status and groups. */
    public PortDocument port(PortRecord record) {
        return document(record, portStatus(record, suspended.count(record.name())), herder.groupsOf(record.name()));
    }

    static PortDocument document(PortRecord record, PortStatus status, List<String> groups) {
        return PortDocuments.document(record).withRuntime(record.state().json(), status).withGroups(groups);
    }

    /** A port's status, {@code suspendedCount} being its suspended messages. */
    public PortStatus portStatus(PortRecord record, long suspendedCount) {
        Reconciler.RuntimeStatus runtime = reconciler.status(record.name());
        PortMetrics port = metrics.find(record.name()).orElse(null);
        String lastError = record.reason() != null ? record.reason()
                : port != null && port.lastError() != null ? port.lastError() : runtime.reconcileError();
        Long waiting = record.state().isEnlisted() ? statuses.lag(record) : Long.valueOf(0);
        boolean solicitResponse = record.port().isSolicitResponse();
        return new PortStatus(runtime.running(), waiting,
                port == null ? 0 : port.deliveredCount(), port == null ? 0 : port.failedCount(),
                port == null ? 0 : port.retriedCount(), suspendedCount, lastError,
                record.port().serviceWindow() == null ? null : reconciler.windowOpen(record.port()),
                oldestWaitingAge(record, port),
                !solicitResponse ? null : port == null ? 0 : port.deliveredCount() + port.failedCount(),
                !solicitResponse ? null : port == null ? 0 : port.responsesCount(),
                !solicitResponse ? null : port == null ? 0 : port.timeoutsCount());
    }

    private static String oldestWaitingAge(PortRecord record, PortMetrics port) {
        if (!record.state().isEnlisted() || port == null || port.oldestWaiting() == null) {
            return null;
        }
        Duration age = Duration.between(port.oldestWaiting(), Instant.now());
        return (age.isNegative() ? Duration.ZERO : age).withNanos(0).toString();
    }

    /** Every group, sorted by name. */
    public List<GroupDocument> groups() {
        return herder.groups().stream().map(this::group).toList();
    }

    /** One group with its members' status. */
    public GroupDocument group(GroupRecord record) {
        return GroupDocuments.document(record).withRuntime(record.state().json(), groupStatus(record));
    }

    /** The members' states and waiting counts, from memory only (the last measurement of the status service). */
    public GroupStatus groupStatus(GroupRecord record) {
        List<GroupStatus.Member> members = record.group().sendPorts().stream().map(member -> {
            PortState state = herder.findPort(member).map(PortRecord::state).orElse(null);
            long routed = metrics.findPath(record.name(), member).map(PathMetrics::routedCount).orElse(0L);
            return new GroupStatus.Member(member, state == null ? null : state.json(), statuses.pathLag(record, member),
                    routed);
        }).toList();
        return new GroupStatus(members);
    }
}
