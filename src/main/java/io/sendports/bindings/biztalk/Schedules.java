package io.sendports.bindings.biztalk;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The timing settings of a BizTalk transport: retries ({@code RetryCount}, {@code RetryInterval} in minutes) as
 * {@code {"count", "interval": "PT<n>M"}}, and the service window ({@code ServiceWindowEnabled}, {@code FromTime},
 * {@code ToTime}, of which only the time of day counts) as {@code {"from", "to", "zone": "UTC"}}. A disabled
 * window is ignored: BizTalk exports its times anyway.
 */
final class Schedules {
    /** Sendports' retry bounds: at most 1,000 retries, at most a day apart (BizTalk allows a year). */
    private static final int MAX_COUNT = 1_000;
    private static final int MAX_MINUTES = 24 * 60;

    private Schedules() {
    }

    /** The retry policy of a transport; BizTalk's defaults (3, 5 minutes) for what it leaves out. */
    static ObjectNode retry(XmlElement transport, String element, ObjectMapper json, Report.Entity report) {
        int count = number(transport, "RetryCount", 3, element);
        int minutes = number(transport, "RetryInterval", 5, element);
        if (count > MAX_COUNT) {
            report.add(element + "/RetryCount", String.valueOf(count), "Sendports retries at most 1000 times");
        }
        if (minutes > MAX_MINUTES) {
            report.add(element + "/RetryInterval", String.valueOf(minutes),
                    "Sendports retries at most a day apart; the interval is PT1440M");
        }
        return json.createObjectNode().put("count", Math.max(0, Math.min(count, MAX_COUNT)))
                .put("interval", "PT" + Math.max(0, Math.min(minutes, MAX_MINUTES)) + "M");
    }

    /** The service window of an enabled BizTalk one; empty when disabled, or reported when it cannot be one. */
    static Optional<ObjectNode> window(XmlElement transport, String element, ObjectMapper json,
            Report.Entity report) {
        if (!transport.childText("ServiceWindowEnabled").map(Boolean::parseBoolean).orElse(false)) {
            return Optional.empty();
        }
        Optional<LocalTime> from = timeOfDay(transport.childText("FromTime"));
        Optional<LocalTime> to = timeOfDay(transport.childText("ToTime"));
        if (from.isEmpty() || to.isEmpty() || from.equals(to)) {
            report.add(element + "/ServiceWindowEnabled", "true", "the window's FromTime and ToTime are not two"
                    + " different times of day; no window is set: the port delivers at any time");
            return Optional.empty();
        }
        report.add(element + "/FromTime", from.get() + "-" + to.get(), "BizTalk's window is in the BizTalk server's"
                + " local time; the window is set in UTC: change serviceWindow.zone if that server was not on UTC");
        return Optional.of(json.createObjectNode().put("from", from.get().toString()).put("to", to.get().toString())
                .put("zone", "UTC"));
    }

    /** The time of day of an xs:dateTime such as {@code 2000-01-01T08:30:00} (an offset after it is ignored). */
    private static Optional<LocalTime> timeOfDay(Optional<String> dateTime) {
        return dateTime.map(text -> text.indexOf('T') < 0 ? text : text.substring(text.indexOf('T') + 1))
                .map(time -> time.length() > 8 ? time.substring(0, 8) : time).flatMap(time -> {
                    try {
                        return Optional.of(LocalTime.parse(time));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private static int number(XmlElement transport, String name, int fallback, String element) {
        Optional<String> text = transport.childText(name);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new BindingFileRefused(element + "/" + name + " is not a whole number");
        }
    }
}
