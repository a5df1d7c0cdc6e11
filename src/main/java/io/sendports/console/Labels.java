package io.sendports.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.sendports.control.PortDocument.StatementDocument;
import io.sendports.control.PortDocument.SubscriptionDocument;

/** The console's words for the API's values, as the BizTalk Administration Console writes them. */
final class Labels {
    private Labels() {
    }

    /** "Static One-way", "Dynamic Solicit-Response" ... */
    static String kind(String kind, String pattern) {
        String first = "dynamic".equals(kind) ? "Dynamic" : "Static";
        return first + ("solicit-response".equals(pattern) ? " Solicit-Response" : " One-way");
    }

    /** "Started", "Stopped", "Unenlisted". */
    static String state(String state) {
        return state == null || state.isEmpty() ? "" : state.substring(0, 1).toUpperCase(Locale.ROOT) + state.substring(1);
    }

    /** The topics, comma-separated. */
    static String topics(SubscriptionDocument subscription) {
        return subscription == null || subscription.topics() == null ? "" : String.join(", ", subscription.topics());
    }

    /** {@code (region == eu AND priority > 5) OR (vip exists)}; empty when the subscription takes every message. */
    static String filter(SubscriptionDocument subscription) {
        if (subscription == null || subscription.filter() == null || subscription.filter().isEmpty()) {
            return "";
        }
        List<List<StatementDocument>> groups = subscription.filter();
        return groups.stream().map(group -> {
            String and = group.stream().map(Labels::statement).collect(Collectors.joining(" AND "));
            return groups.size() > 1 && group.size() > 1 ? "(" + and + ")" : and;
        }).collect(Collectors.joining(" OR "));
    }

    private static String statement(StatementDocument statement) {
        return statement.property() + " " + statement.operator() + (statement.value() == null ? "" : " " + statement.value());
    }

    /** An ISO-8601 duration as {@code 1h 2m 3s}; empty for none. */
    static String age(String iso) {
        if (iso == null) {
            return "";
        }
        Duration age = Duration.parse(iso);
        long hours = age.toHours();
        int minutes = age.toMinutesPart();
        int seconds = age.toSecondsPart();
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        return minutes > 0 ? minutes + "m " + seconds + "s" : seconds + "s";
    }
}
