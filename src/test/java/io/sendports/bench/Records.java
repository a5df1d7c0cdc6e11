package io.sendports.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The benchmark's records, the same for every contender of a scenario. Record {@code seq} has the key
 * {@code %010d} and a printable value of a fixed size that starts with the same ten digits and a space and
 * ends with a line feed, so that every destination (a file, an HTTP body, a Kafka record) can say which
 * record it holds. File-per-message records also carry {@code sendports.file-name: r-%010d}.
 */
public final class Records {
    public static final String FILE_NAME_HEADER = "sendports.file-name";
    static final int DIGITS = 10;

    private Records() {
    }

    public static byte[] key(long seq) {
        return String.format("%010d", seq).getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] value(long seq, int size) {
        if (size < DIGITS + 2) {
            throw new IllegalArgumentException("records are at least " + (DIGITS + 2) + " bytes");
        }
        byte[] value = new byte[size];
        Arrays.fill(value, (byte) 'x');
        System.arraycopy(key(seq), 0, value, 0, DIGITS);
        value[DIGITS] = ' ';
        value[size - 1] = '\n';
        return value;
    }

    public static String fileName(long seq) {
        return String.format("r-%010d", seq);
    }

    /** The sequence number written at {@code offset}, or -1 when the bytes there are not ten digits. */
    public static long seq(byte[] bytes, int offset) {
        if (bytes == null || bytes.length < offset + DIGITS) {
            return -1;
        }
        long seq = 0;
        for (int i = offset; i < offset + DIGITS; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            seq = seq * 10 + digit;
        }
        return seq;
    }

    /** The sequence number of a {@link #fileName(long)}, or -1. */
    public static long seqOfFileName(String name) {
        if (!name.startsWith("r-")) {
            return -1;
        }
        return seq(name.substring(2).getBytes(StandardCharsets.US_ASCII), 0);
    }
}
