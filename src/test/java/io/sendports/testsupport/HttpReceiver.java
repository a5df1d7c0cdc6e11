package io.sendports.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on localhost that records every request it receives and answers as told. */
public final class HttpReceiver implements AutoCloseable {
    static {
        // Without it the JDK server's small writes meet the client's delayed ACK: 40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** One received request; header names are lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Request> all = new CopyOnWriteArrayList<>();
    private volatile Function<Request, Reply> reply = request -> new Reply(200, null, null);

    /** What the server answers: a status, and optionally a body with its content type, and more headers. */
    public record Reply(int status, String body, String contentType, Map<String, String> headers) {
        public Reply(int status, String body, String contentType) {
            this(status, body, contentType, Map.of());
        }
    }

    public HttpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            Reply answer = reply.apply(request);
            int code = answer.status();
            all.add(request);
            String replyBody = answer.body();
            if (code >= 200 && code < 300) {
                requests.add(request);
            } else if (replyBody == null) {
                replyBody = "refused with " + code;
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            }
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            if (replyBody == null) {
                exchange.sendResponseHeaders(code, -1);
            } else {
                byte[] bytes = replyBody.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(code, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Decides the status code of each request; only requests answered 2xx count as received. */
    public void answer(Function<Request, Integer> status) {
        this.reply = request -> new Reply(status.apply(request), null, null);
    }

    /** Decides the whole reply to each request. */
    public void reply(Function<Request, Reply> reply) {
        this.reply = reply;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every request received, answered 2xx or not. */
    public List<Request> attempts() {
        return List.copyOf(all);
    }

    /** The bodies of the requests answered 2xx, in order of arrival. */
    public List<String> bodies() {
        return requests.stream().map(Request::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
