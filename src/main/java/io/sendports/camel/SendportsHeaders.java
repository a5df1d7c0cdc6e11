package io.sendports.camel;

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
