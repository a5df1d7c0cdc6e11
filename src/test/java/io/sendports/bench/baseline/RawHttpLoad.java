package io.sendports.bench.baseline;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.sendports.bench.Records;
import io.sendports.bench.destination.HttpSink;

/**
 * The receiver's ceiling, a baseline of the HTTP scenarios: no Kafka, only a load client that POSTs the scenario's
 * records ({@code 0..records-1}, {@link Records#value} of {@code --size} bytes) to the receiver as fast as it
 * answers, over {@code --in-flight} keep-alive connections with one request outstanding on each (so as many in
 * flight as the other contenders). Each request carries the two headers a Sendports HTTP port adds. The requests
 * are written by hand on plain sockets, each thread blocking on its own connection, so that the client costs as
 * little as a client can and the figure is the receiver's. With {@code --answers=true} each answer must be the
 * receiver's answer to its record ({@link HttpSink#answer}). The receiver counts what arrived, as it does for the
 * other contenders. Once every request was answered the process waits to be ended, as the other baselines do; an
 * error ends it with status 2.
 *
 * <p>Arguments: {@code --url --in-flight --records --size [--answers=true]}.
 */
public final class RawHttpLoad {
    private RawHttpLoad() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = ConsumeLoop.args(argv, "url", "in-flight", "records", "size");
        URI url = URI.create(args.get("url"));
        long records = Long.parseLong(args.get("records"));
        int size = Integer.parseInt(args.get("size"));
        boolean answers = Boolean.parseBoolean(args.getOrDefault("answers", "false"));
        AtomicLong next = new AtomicLong();
        List<Thread> connections = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args.get("in-flight")); i++) {
            Thread connection = new Thread(() -> {
                try {
                    send(url, next, records, size, answers);
                } catch (Throwable e) {
                    ConsumeLoop.fail(e);
                }
            }, "load-" + i);
            connection.start();
            connections.add(connection);
        }
        for (Thread connection : connections) {
            connection.join();
        }
        System.out.println("all " + records + " requests answered");
        new CountDownLatch(1).await();
    }

    /** Sends records on one connection, taking the next number each time, until none is left. */
    private static void send(URI url, AtomicLong next, long records, int size, boolean answers) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), size + 512);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (long seq = next.getAndIncrement(); seq < records; seq = next.getAndIncrement()) {
                out.write(head(url, seq, size));
                out.write(Records.value(seq, size));
                out.flush();
                byte[] body = answer(in, seq);
                if (answers && !Arrays.equals(body, HttpSink.answer(seq))) {
                    throw new IllegalStateException("record " + seq + " answered with "
                            + new String(body, StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static byte[] head(URI url, long seq, int size) {
        String key = new String(Records.key(seq), StandardCharsets.US_ASCII);
        return ("POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Length: " + size + "\r\n"
                + "sendports.message-id: " + UUID.nameUUIDFromBytes(Records.key(seq)) + "\r\n"
                + "sendports.key: " + key + "\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one answer: a 2xx status, headers, and a body of {@code Content-Length} bytes, which it returns. */
    private static byte[] answer(InputStream in, long seq) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 2")) {
            throw new IllegalStateException("record " + seq + ": " + status);
        }
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            } else if (lower.startsWith("transfer-encoding:")) {
                throw new IllegalStateException("record " + seq + ": a body without a length (" + header + ")");
            }
        }
        if (length < 0) {
            throw new IllegalStateException("record " + seq + ": an answer without Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new IllegalStateException("record " + seq + ": the connection closed in the answer's body");
        }
        return body;
    }

    /** One header line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IllegalStateException("the receiver closed the connection");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
