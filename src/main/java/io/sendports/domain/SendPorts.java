package io.sendports.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The rules of a valid send port definition (API.md, "Port JSON" and "Limits"). The topics a port may not
 * touch are passed in ({@link ReservedTopics}): their names are configuration, which the domain does not read.
 */
public final class SendPorts {
    static final int MAX_DESCRIPTION = Limits.DESCRIPTION;
    static final int MAX_TOPICS = Limits.TOPICS;
    /** How long a solicit-response port waits when neither it nor its transport says. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private SendPorts() {
    }

    /** Checks a draft against the default names of Sendports' own topics and builds the port. */
    public static SendPort define(PortDraft draft, Transports transports, Problems problems) {
        return define(draft, ReservedTopics.DEFAULT, transports, problems);
    }

    /**
     * Checks a draft and builds the port.
     *
     * @param reserved the topics the port may not subscribe to, deliver to or answer on
     * @param transports the transports a port may use
     * @param problems collects every error; the caller may already have added its own
     * @throws InvalidDefinitionException when the draft or {@code problems} holds any error
     */
    public static SendPort define(PortDraft draft, ReservedTopics reserved, Transports transports,
            Problems problems) {
        nameAndDescription(draft.name(), draft.description(), problems);
        PortKind kind = required(draft.kind(), PortKind.parse(draft.kind()).orElse(null),
                "kind", "static | dynamic", problems);
        MessagePattern pattern = required(draft.pattern(), MessagePattern.parse(draft.pattern()).orElse(null),
                "pattern", "one-way | solicit-response", problems);
        Subscription subscription = subscription(draft.topics(), draft.filter(), reserved, problems);
        Destination destination = null;
        if (kind == PortKind.STATIC) {
            if (draft.transport() == null) {
                problems.add("transport", "is required for a static port");
            } else {
                destination = transports.parse(draft.transport(), "transport", problems);
            }
        } else if (kind == PortKind.DYNAMIC && draft.transport() != null) {
            problems.add("transport", "must be absent for a dynamic port: each message carries its destination");
        }
        if (destination != null && destination.localTopic().filter(subscription.topics()::contains).isPresent()) {
            problems.add("transport.address", "must not be a topic the port subscribes to:"
                    + " the port would take every message it delivers again, without end");
        }
        reservedDestination(destination, "transport.address", reserved, problems);
        RetryPolicy retry = draft.retry() == null ? RetryPolicy.DEFAULT
                : RetryPolicy.parse(draft.retry().count(), draft.retry().interval(), RetryPolicy.DEFAULT, "retry", problems);
        BackupTransport backup = backup(draft, kind, transports, problems);
        reservedDestination(backup == null ? null : backup.destination(), "backupTransport.address", reserved, problems);
        boolean ordered = Boolean.TRUE.equals(draft.orderedDelivery());
        boolean stopOnFailure = Boolean.TRUE.equals(draft.stopOnFailure());
        if (stopOnFailure && !ordered) {
            problems.add("stopOnFailure", "applies only with orderedDelivery: true (as in BizTalk)");
        }
        ServiceWindow window = window(draft.serviceWindow(), problems);
        AllowList allowList = null;
        if (kind == PortKind.DYNAMIC) {
            if (draft.allowedDestinations() == null || draft.allowedDestinations().isEmpty()) {
                problems.add("allowedDestinations", "is required for a dynamic port: at least one destination pattern");
            } else {
                allowList = AllowList.parse(draft.allowedDestinations(), "allowedDestinations", transports, problems);
                allowList = allowList == null ? null : allowList.withReservedTopics(reserved);
            }
        } else if (draft.allowedDestinations() != null && !draft.allowedDestinations().isEmpty()) {
            problems.add("allowedDestinations", "applies only to dynamic ports");
        }
        String responseTopic = null;
        Duration responseTimeout = null;
        if (pattern == MessagePattern.SOLICIT_RESPONSE) {
            requireResponse(destination, "transport", problems);
            requireResponse(backup == null ? null : backup.destination(), "backupTransport", problems);
            responseTopic = draft.responseTopic() == null ? draft.name() + ".responses" : draft.responseTopic();
            String topicError = Names.topicNameError(responseTopic);
            if (draft.responseTopic() != null && topicError != null) {
                problems.add("responseTopic", topicError);
            } else if (subscription.topics().contains(responseTopic)) {
                problems.add("responseTopic", "must not be a topic the port subscribes to");
            } else if (reserved.refusal(responseTopic) != null) {
                problems.add("responseTopic", reserved.refusal(responseTopic));
            }
            responseTimeout = draft.responseTimeout() == null
                    ? destination != null && destination.timeout() != null ? destination.timeout() : DEFAULT_RESPONSE_TIMEOUT
                    : Options.duration(draft.responseTimeout(), null, "responseTimeout", problems);
        } else {
            if (draft.responseTopic() != null) {
                problems.add("responseTopic", "applies only to solicit-response ports");
            }
            if (draft.responseTimeout() != null) {
                problems.add("responseTimeout", "applies only to solicit-response ports");
            }
        }
        problems.throwIfAny();
        return new SendPort(draft.name(), draft.description(), kind, pattern, subscription, destination, retry,
                backup, ordered, stopOnFailure, window, allowList, responseTopic, responseTimeout);
    }

    /** A message delivered into Sendports' own topics would write into its control plane. */
    private static void reservedDestination(Destination destination, String field, ReservedTopics reserved,
            Problems problems) {
        String topic = destination == null ? null : destination.localTopic().orElse(null);
        if (topic != null && reserved.refusal(topic) != null) {
            problems.add(field, "topic " + topic + " " + reserved.refusal(topic));
        }
    }

    /** A solicit-response port waits for an answer, which only some transports (http) give. */
    private static void requireResponse(Destination destination, String field, Problems problems) {
        if (destination != null && !destination.responds()) {
            problems.add(field + ".type", "must be a transport that gives a response (http) for a solicit-response"
                    + " port: " + destination.type() + " gives no response");
        }
    }

    private static BackupTransport backup(PortDraft draft, PortKind kind, Transports transports, Problems problems) {
        PortDraft.BackupDraft backup = draft.backupTransport();
        if (backup == null) {
            return null;
        }
        if (kind == PortKind.DYNAMIC) {
            problems.add("backupTransport", "applies only to static ports");
            return null;
        }
        if (backup.transport() == null) {
            problems.add("backupTransport", "needs a type and an address");
            return null;
        }
        Destination destination = transports.parse(backup.transport(), "backupTransport", problems);
        RetryPolicy retry = backup.retry() == null ? RetryPolicy.DEFAULT
                : RetryPolicy.parse(backup.retry().count(), backup.retry().interval(), RetryPolicy.DEFAULT,
                        "backupTransport.retry", problems);
        return destination == null || retry == null ? null : new BackupTransport(destination, retry);
    }

    private static ServiceWindow window(PortDraft.WindowDraft window, Problems problems) {
        if (window == null) {
            return null;
        }
        LocalTime from = time(window.from(), "serviceWindow.from", problems);
        LocalTime to = time(window.to(), "serviceWindow.to", problems);
        ZoneId zone = ZoneOffset.UTC;
        if (window.zone() != null && Limits.tooLong(window.zone(), Limits.ZONE) != null) {
            problems.add("serviceWindow.zone", Limits.tooLong(window.zone(), Limits.ZONE));
            return null;
        }
        if (window.zone() != null) {
            try {
                zone = ZoneId.of(window.zone());
            } catch (DateTimeException e) {
                problems.add("serviceWindow.zone", "must be a time zone id such as UTC or Europe/Paris");
                return null;
            }
        }
        if (from == null || to == null) {
            return null;
        }
        if (from.equals(to)) {
            problems.add("serviceWindow.to", "must differ from serviceWindow.from");
            return null;
        }
        return new ServiceWindow(from, to, zone);
    }

    private static LocalTime time(String text, String field, Problems problems) {
        if (text == null) {
            problems.add(field, "is required (HH:mm)");
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(field, "must be a time of day such as 08:00");
            return null;
        }
    }

    private static <T> T required(String raw, T parsed, String field, String allowed, Problems problems) {
        if (raw == null) {
            problems.add(field, "is required (" + allowed + ")");
        } else if (parsed == null) {
            problems.add(field, "must be one of " + allowed);
        }
        return parsed;
    }

    /** Checks an entity's name and description as written; shared by ports and groups. */
    public static void nameAndDescription(String name, String description, Problems problems) {
        String nameError = Names.entityNameError(name);
        if (nameError != null) {
            problems.add("name", nameError);
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
        }
    }

    /** Checks a subscription as written (its fields under {@code subscription.}); shared by ports and groups. */
    public static Subscription subscription(List<String> topics, List<List<PortDraft.StatementDraft>> filter,
            ReservedTopics reserved, Problems problems) {
        if (topics == null || topics.isEmpty()) {
            problems.add("subscription.topics", "must name at least one topic");
            topics = List.of();
        } else if (topics.size() > MAX_TOPICS) {
            problems.add("subscription.topics", "must name at most " + MAX_TOPICS + " topics");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < topics.size(); i++) {
            String error = Names.topicNameError(topics.get(i));
            if (error == null) {
                error = reserved.refusal(topics.get(i));
            }
            if (error != null) {
                problems.add("subscription.topics[" + i + "]", error);
            } else if (!seen.add(topics.get(i))) {
                problems.add("subscription.topics[" + i + "]", "is listed twice");
            }
        }
        // null topics were reported above; keep them out of the (immutable) subscription
        return new Subscription(topics.stream().filter(Objects::nonNull).toList(),
                filter(filter, "subscription.filter", problems));
    }

    /** Checks a filter as written; shared by ports and groups. */
    public static Filter filter(List<List<PortDraft.StatementDraft>> groups, String field, Problems problems) {
        if (groups == null) {
            return Filter.NONE;
        }
        int count = groups.stream().mapToInt(group -> group == null ? 0 : group.size()).sum();
        if (count > Limits.FILTER_STATEMENTS) {
            problems.add(field, "must have at most " + Limits.FILTER_STATEMENTS
                    + " statements in all its groups; it has " + count);
            return Filter.NONE;
        }
        List<List<FilterStatement>> parsed = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<PortDraft.StatementDraft> group = groups.get(g);
            String groupField = field + "[" + g + "]";
            if (group == null || group.isEmpty()) {
                problems.add(groupField, "a filter group needs at least one statement");
                continue;
            }
            List<FilterStatement> statements = new ArrayList<>();
            for (int s = 0; s < group.size(); s++) {
                FilterStatement statement = statement(group.get(s), groupField + "[" + s + "]", problems);
                if (statement != null) {
                    statements.add(statement);
                }
            }
            parsed.add(statements);
        }
        return new Filter(parsed);
    }

    private static FilterStatement statement(PortDraft.StatementDraft draft, String field, Problems problems) {
        if (draft == null) {
            problems.add(field, "must be an object {property, operator, value}");
            return null;
        }
        boolean valid = true;
        if (draft.property() == null || draft.property().isBlank()) {
            problems.add(field + ".property", "is required");
            valid = false;
        } else if (Limits.tooLong(draft.property(), Limits.FILTER_PROPERTY) != null) {
            problems.add(field + ".property", Limits.tooLong(draft.property(), Limits.FILTER_PROPERTY));
            valid = false;
        }
        FilterOperator operator = FilterOperator.parse(draft.operator()).orElse(null);
        if (operator == null) {
            problems.add(field + ".operator", "must be one of ==, !=, <, <=, >, >=, exists");
            valid = false;
        } else if (operator.needsValue() && draft.value() == null) {
            problems.add(field + ".value", "is required for operator " + operator.symbol());
            valid = false;
        } else if (!operator.needsValue() && draft.value() != null) {
            problems.add(field + ".value", "must be absent for operator " + operator.symbol()
                    + ": it tests only that the property is there");
            valid = false;
        }
        if (Limits.tooLong(draft.value(), Limits.FILTER_VALUE) != null) {
            problems.add(field + ".value", Limits.tooLong(draft.value(), Limits.FILTER_VALUE));
            valid = false;
        }
        if (!valid) {
            return null;
        }
        return new FilterStatement(draft.property(), operator, draft.value());
    }
}
