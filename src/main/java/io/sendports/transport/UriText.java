package io.sendports.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text written into a Camel endpoint URI by a transport's own component (the sftp and kafka transports): every
 * character but {@code A-Z a-z 0-9 / . _ -} as {@code ~XX} per UTF-8 byte, so that nothing in it can be read as
 * another option, a placeholder or an escape of Camel's. Secret references pass through it as written; a resolved
 * secret never does.
 */
public final class UriText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriText() {
    }

    /** Text as it is written into the URI. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-')) {
                escaped.append(c);
            } else {
                escaped.append('~').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return escaped.toString();
    }

    /** The text {@link #escape} wrote. */
    public static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '~' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
