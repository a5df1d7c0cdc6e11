package io.sendports.transport.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

import io.sendports.transport.FilesNotWritten;

/**
 * The file transport's Camel component, {@code sendports-file:<directory>?mode=overwrite|create|append}: a
 * producer that writes each exchange's body to the file named by its {@code CamelFileName} header, through
 * {@link FileWriter}. A body that is a list of messages is a batch: each is written to the file its own header
 * names, and those that fail are reported together ({@link FilesNotWritten}) after the others were written.
 *
 * <p>The directory is written into the URI by {@link #uriPath}: every character but {@code A-Z a-z 0-9 / . _ -}
 * as {@code ~XX} per UTF-8 byte. A directory name can then hold {@code ?}, {@code &}, {@code %} or {@code #}
 * (a dynamic port's directory comes from a message) without ever being read as endpoint options, and Camel's
 * normalisation of URIs, which decodes {@code %XX}, leaves it as it is.
 *
 * <p>It replaces Camel's file producer for ports (docs/DECISIONS.md (t)): that one does the same with about
 * twice the system calls and, per message, an expression, a path normalisation, a lock and an existence check,
 * which made a file port a third as fast as a plain loop.
 */
public final class FileWriterComponent extends DefaultComponent {
    public static final String SCHEME = "sendports-file";

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String modeText = getAndRemoveParameter(parameters, "mode", String.class, FileMode.OVERWRITE.json());
        FileMode mode = FileMode.parse(modeText)
                .orElseThrow(() -> new IllegalArgumentException("unknown file mode '" + modeText + "' in " + uri));
        return new Writer(uri, this, new FileWriter(Path.of(directory(remaining)), mode));
    }

    /** The directory as it is written into an endpoint URI (see the class comment). */
    public static String uriPath(Path directory) {
        StringBuilder path = new StringBuilder();
        for (byte b : directory.toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '/' || c == '.' || c == '_' || c == '-')) {
                path.append(c);
            } else {
                path.append('~').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return path.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The directory of an endpoint URI's path, as {@link #uriPath} wrote it. */
    static String directory(String uriPath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(uriPath.length());
        for (int i = 0; i < uriPath.length(); i++) {
            char c = uriPath.charAt(i);
            if (c == '~' && i + 2 < uriPath.length()) {
                bytes.write(Integer.parseInt(uriPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '~' || c >= 0x80) {
                throw new IllegalArgumentException("not a directory written by uriPath: " + uriPath);
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The endpoint of one directory and mode; it only produces. */
    static final class Writer extends DefaultEndpoint {
        private final FileWriter writer;

        Writer(String uri, FileWriterComponent component, FileWriter writer) {
            super(uri, component);
            this.writer = writer;
        }

        @Override
        public Producer createProducer() {
            return new DefaultProducer(this) {
                @Override
                public void process(Exchange exchange) throws Exception {
                    if (exchange.getIn().getBody() instanceof List<?> batch) {
                        writeAll(batch);
                        return;
                    }
                    exchange.getIn().setHeader(Exchange.FILE_NAME_PRODUCED, write(exchange.getIn()).toString());
                }
            };
        }

        private Path write(Message message) throws IOException {
            byte[] body = message.getBody(byte[].class);
            return writer.write(message.getHeader(Exchange.FILE_NAME, String.class), body == null ? new byte[0] : body);
        }

        /** Writes every file of a batch on its own: one that fails does not keep the others from being written. */
        private void writeAll(List<?> batch) {
            Map<Integer, Exception> failures = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    Message message = (Message) batch.get(i);
                    message.setHeader(Exchange.FILE_NAME_PRODUCED, write(message).toString());
                } catch (IOException | RuntimeException e) {
                    failures.put(i, e);
                }
            }
            if (!failures.isEmpty()) {
                throw new FilesNotWritten(failures, batch.size());
            }
        }

        @Override
        public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
            throw new UnsupportedOperationException(FileWriterComponent.SCHEME + " endpoints only write files");
        }
    }
}
