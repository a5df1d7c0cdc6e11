package io.sendports.transport.sftp;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.support.ExpressionAdapter;

/**
 * The temporary name a file is written under before its rename: {@code .sendports-<name>.<exchange id>}. The
 * exchange id makes it unique to one write, so that writes of the same name at once (several connections of a
 * port, or of several instances) never share a temporary file. A very long name is cut so that the whole stays
 * within the 255 bytes a file name may have.
 */
final class TemporaryName extends ExpressionAdapter {
    static final String PREFIX = ".sendports-";
    private static final int MAX_STEM = 160;

    @Override
    public Object evaluate(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
        String stem = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
        if (stem.getBytes(StandardCharsets.UTF_8).length > MAX_STEM) {
            stem = stem.substring(0, Math.min(stem.length(), MAX_STEM / 4)) + "-" + Integer.toHexString(stem.hashCode());
        }
        return PREFIX + stem + "." + exchange.getExchangeId();
    }
}
