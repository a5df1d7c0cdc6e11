package io.sendports.domain;

/**
 * Why a dynamic destination or an allow-list pattern was not accepted. Thrown only inside this package by
 * the parsers of addresses and patterns and turned into a refusal or a field error at their edge, so a
 * reason never escapes as an exception. Carries no stack trace: it is an answer, not a failure.
 */
public final class DestinationRefused extends RuntimeException {
    private static final int SHOWN_LENGTH = 200;

    public DestinationRefused(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }

    /**
     * An untrusted address as it may appear inside a reason: quoted, without control characters and
     * shortened, because reasons end up in logs and in the {@code sendports.error} header.
     */
    public static String shown(String untrusted) {
        if (untrusted == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("'");
        untrusted.codePoints().limit(SHOWN_LENGTH)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .forEach(text::appendCodePoint);
        return text.append(untrusted.codePointCount(0, untrusted.length()) > SHOWN_LENGTH ? "...'" : "'").toString();
    }
}
