package io.sendports.message;

import java.util.regex.Pattern;

/** Kafka record headers that Sendports reads or writes (API.md, "Kafka headers"). */
public final class SendportsHeaders {

    /** Dynamic destination URI of a message (BizTalk {@code BTS.OutboundTransportLocation}). */
    public static final String ADDRESS = "sendports.address";

    /** Transport type of a dynamic message; wins over the address scheme ({@code BTS.OutboundTransportType}). */
    public static final String TRANSPORT = "sendports.transport";

    /** Correlates a response with its request; copied, or generated when absent. */
    public static final String CORRELATION_ID = "sendports.correlation-id";

    /** Source file name for the {@code %SourceFileName%} macro; sanitized before use. */
    public static final String FILE_NAME = "sendports.file-name";

    /** The port that produced a record (BizTalk {@code BTS.SPName}). */
    public static final String PORT = "sendports.port";

    /** {@code <topic>/<partition>/<offset>} of the record a response or suspended message came from. */
    public static final String SOURCE = "sendports.source";

    /** On a response record: the HTTP status of the response. */
    public static final String STATUS = "sendports.status";

    /** On a suspended record: why the last attempt failed. */
    public static final String ERROR = "sendports.error";

    /** On a suspended or parked record: how many delivery attempts were made. */
    public static final String ATTEMPTS = "sendports.attempts";

    /** On a suspended record: when it was suspended (ISO-8601). */
    public static final String SUSPENDED_AT = "sendports.suspended-at";

    /** On a suspended or parked record: the original record's key (its own key is the message id). */
    public static final String ORIGINAL_KEY = "sendports.original-key";

    /** On a suspended or parked record: the original record's timestamp, epoch milliseconds. */
    public static final String TIMESTAMP = "sendports.timestamp";

    /** On a parked record: {@code primary} or {@code backup}, the transport it waits to be tried on. */
    public static final String PHASE = "sendports.phase";

    /** On a parked record: how many attempts on the current transport failed. */
    public static final String PHASE_FAILURES = "sendports.phase-failures";

    /** On a parked record: when it is due, epoch milliseconds. */
    public static final String DUE = "sendports.due";

    /** Sent as an HTTP header: the message id, stable across redeliveries of one record. */
    public static final String MESSAGE_ID = "sendports.message-id";

    /** Sent as an HTTP header: the Kafka record key, as UTF-8 text. */
    public static final String KEY = "sendports.key";

    /**
     * Incoming headers that a Camel component would act on. They are never passed to any producer, so no
     * message can redirect a port or escape its allow-list (DESIGN.md §7).
     */
    public static final Pattern CAMEL_CONTROLLED = Pattern.compile("(?i)^(camel|org\\.apache\\.camel\\.|kafka\\.)");

    private SendportsHeaders() {
    }
}
