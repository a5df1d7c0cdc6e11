package io.sendports.control;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import io.sendports.domain.BackupTransport;
import io.sendports.domain.Destination;
import io.sendports.domain.FieldError;
import io.sendports.domain.Filter;
import io.sendports.domain.FilterStatement;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.PortDraft;
import io.sendports.domain.RetryPolicy;
import io.sendports.domain.ServiceWindow;
import io.sendports.domain.Problems;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SendPort;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SendPorts;
import io.sendports.domain.Subscription;
import io.sendports.transport.DeliveryContext;
import io.sendports.transport.TransportRegistry;

/**
 * Converts between the JSON document of a port and the domain {@link SendPort}: the one place that knows
 * the JSON shape of a port; the rules themselves are the domain's ({@link SendPorts}).
 */
public final class PortDocuments {
    private PortDocuments() {
    }

    /** Checks a document against the default names of Sendports' own topics and builds the port. */
    public static SendPort define(PortDocument document) {
        return define(document, ReservedTopics.DEFAULT);
    }

    /** Checks a document and builds the port; throws with every field error found. */
    public static SendPort define(PortDocument document, ReservedTopics reserved) {
        return SendPorts.define(draft(document), reserved, TransportRegistry.catalog(), new Problems());
    }

    /**
     * The same port held to these reserved topics: checked against them, and a dynamic port's allow-list
     * refusing them at delivery.
     *
     * @throws io.sendports.domain.InvalidDefinitionException when the port uses one of them
     */
    public static SendPort reserving(SendPort port, ReservedTopics reserved) {
        return define(document(port), reserved);
    }

    /**
     * The secret references of a port's transports that name a file outside the allowed directories
     * ({@code sendports.secrets.allowed-paths}). Asked when a definition is written through the API, not when the
     * control topic is read: narrowing the setting must not make stored ports vanish (their deliveries fail and
     * say why instead).
     */
    public static List<FieldError> secretErrors(SendPort port, SecretPaths allowed) {
        List<FieldError> errors = new ArrayList<>();
        secretErrors(port.destination(), "transport", allowed, errors);
        secretErrors(port.backup() == null ? null : port.backup().destination(), "backupTransport", allowed, errors);
        return errors;
    }

    private static void secretErrors(Destination destination, String field, SecretPaths allowed,
            List<FieldError> errors) {
        if (destination == null) {
            return;
        }
        destination.secretReferences().forEach((path, reference) -> {
            String refusal = allowed.refusal(reference);
            if (refusal != null) {
                errors.add(new FieldError(field + "." + path, refusal));
            }
        });
    }

    /**
     * What each transport finds wrong with the port's destinations on this instance
     * ({@link io.sendports.transport.Transport#checkWritten}: the operator's settings, what a secret holds now).
     * Asked, like {@link #secretErrors}, when a definition is written through the API only.
     */
    public static List<FieldError> transportErrors(SendPort port, DeliveryContext context) {
        Problems problems = new Problems();
        checkWritten(port.destination(), "transport", context, problems);
        checkWritten(port.backup() == null ? null : port.backup().destination(), "backupTransport", context,
                problems);
        return problems.errors();
    }

    private static void checkWritten(Destination destination, String field, DeliveryContext context,
            Problems problems) {
        if (destination != null) {
            TransportRegistry.of(destination).checkWritten(destination, field, context, problems);
        }
    }

    /**
     * Refuses read-only bookkeeping sent with a value other than the current one: {@code revision},
     * {@code lastChangedBy}, {@code lastChangedAt} may be left out or sent back unchanged (a document read
     * with GET), never set. On create ({@code current} null) there is nothing to send back.
     *
     * @return one error per such field; empty when there is none
     */
    public static List<FieldError> readOnlyErrors(PortDocument document, PortRecord current) {
        return readOnlyErrors("port", document.revision(), document.lastChangedBy(), document.lastChangedAt(),
                current == null ? null : current.revision(), current == null ? null : current.actor(),
                current == null ? null : current.updatedAt());
    }

    /**
     * The same for any entity ({@code what}: port, group); the current values are null on create.
     */
    static List<FieldError> readOnlyErrors(String what, Long revision, String lastChangedBy, String lastChangedAt,
            Long currentRevision, String currentActor, Instant currentTime) {
        List<FieldError> errors = new ArrayList<>();
        boolean create = currentRevision == null;
        if (revision != null && (create || !revision.equals(currentRevision))) {
            errors.add(new FieldError("revision", create ? "is read-only; leave it out on create"
                    : "is read-only and the " + what + " is at revision " + currentRevision
                            + "; to change only that revision, send If-Match"));
        }
        if (lastChangedBy != null && (create || !lastChangedBy.equals(currentActor))) {
            errors.add(new FieldError("lastChangedBy", create ? "is read-only; leave it out on create"
                    : "is read-only and differs from the current '" + currentActor + "'; leave it out"));
        }
        if (lastChangedAt != null && (create || !sameInstant(lastChangedAt, currentTime))) {
            errors.add(new FieldError("lastChangedAt", create ? "is read-only; leave it out on create"
                    : "is read-only and differs from the current " + currentTime + "; leave it out"));
        }
        return errors;
    }

    private static boolean sameInstant(String text, Instant current) {
        try {
            return Instant.parse(text).equals(current);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The response document of a port: its definition, target state and last change; no status yet. */
    public static PortDocument document(PortRecord record) {
        return document(record.port()).withRuntime(record.state().json(), null)
                .withLastChange(record.revision(), record.actor(), record.updatedAt().toString());
    }

    static PortDraft draft(PortDocument document) {
        PortDocument.SubscriptionDocument subscription = document.subscription();
        List<List<PortDraft.StatementDraft>> filter = filterDraft(subscription);
        PortDocument.TransportDocument transport = document.transport();
        PortDocument.BackupDocument backup = document.backupTransport();
        PortDocument.WindowDocument window = document.serviceWindow();
        return new PortDraft(document.name(), document.description(), document.kind(), document.pattern(),
                subscription == null ? null : subscription.topics(), filter,
                transport == null ? null
                        : new PortDraft.TransportDraft(transport.type(), transport.address(), transport.options()),
                retry(document.retry()),
                backup == null ? null : new PortDraft.BackupDraft(
                        backup.type() == null && backup.address() == null ? null
                                : new PortDraft.TransportDraft(backup.type(), backup.address(), backup.options()),
                        retry(backup.retry())),
                document.orderedDelivery(), document.stopOnFailure(),
                window == null ? null : new PortDraft.WindowDraft(window.from(), window.to(), window.zone()),
                document.allowedDestinations(), document.responseTopic(), document.responseTimeout());
    }

    /** The filter of a subscription document as written, or null; the domain checks it. */
    static List<List<PortDraft.StatementDraft>> filterDraft(PortDocument.SubscriptionDocument subscription) {
        if (subscription == null || subscription.filter() == null) {
            return null;
        }
        List<List<PortDraft.StatementDraft>> filter = new ArrayList<>();
        for (List<PortDocument.StatementDocument> group : subscription.filter()) {
            if (group == null) {
                filter.add(null);
                continue;
            }
            List<PortDraft.StatementDraft> statements = new ArrayList<>();
            for (PortDocument.StatementDocument statement : group) {
                statements.add(statement == null ? null
                        : new PortDraft.StatementDraft(statement.property(), statement.operator(), statement.value()));
            }
            filter.add(statements);
        }
        return filter;
    }

    private static PortDraft.RetryDraft retry(PortDocument.RetryDocument retry) {
        return retry == null ? null : new PortDraft.RetryDraft(retry.count(), retry.interval());
    }

    private static PortDocument.RetryDocument retry(RetryPolicy retry) {
        return new PortDocument.RetryDocument(retry.count(), retry.interval().toString());
    }

    /** The document of a valid port, with every default written out; no state or status. */
    public static PortDocument document(SendPort port) {
        return new PortDocument(port.name(), port.description(), port.kind().json(), port.pattern().json(),
                subscription(port.subscription()),
                transport(port.destination()), retry(port.retry()), backup(port.backup()), port.orderedDelivery(),
                port.stopOnFailure(), window(port.serviceWindow()), port.responseTopic(),
                port.responseTimeout() == null ? null : port.responseTimeout().toString(),
                port.allowedDestinations() == null ? null : port.allowedDestinations().patterns(), null, null, null, null,
                null, null);
    }

    private static PortDocument.BackupDocument backup(BackupTransport backup) {
        if (backup == null) {
            return null;
        }
        PortDocument.TransportDocument transport = transport(backup.destination());
        return new PortDocument.BackupDocument(transport.type(), transport.address(), transport.options(),
                retry(backup.retry()));
    }

    private static PortDocument.WindowDocument window(ServiceWindow window) {
        return window == null ? null
                : new PortDocument.WindowDocument(window.from().toString(), window.to().toString(), window.zone().getId());
    }

    /** The document of a valid subscription. */
    static PortDocument.SubscriptionDocument subscription(Subscription subscription) {
        return new PortDocument.SubscriptionDocument(subscription.topics(), filter(subscription.filter()));
    }

    private static List<List<PortDocument.StatementDocument>> filter(Filter filter) {
        List<List<PortDocument.StatementDocument>> groups = new ArrayList<>();
        for (List<FilterStatement> group : filter.groups()) {
            groups.add(group.stream()
                    .map(s -> new PortDocument.StatementDocument(s.property(), s.operator().symbol(), s.value()))
                    .toList());
        }
        return groups;
    }

    private static PortDocument.TransportDocument transport(Destination destination) {
        if (destination == null) {
            return null;
        }
        return new PortDocument.TransportDocument(destination.type(), destination.address(),
                new LinkedHashMap<>(destination.options()));
    }
}
