package io.sendports.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** REST calls to a Sendports process on this machine, as the tests and the benchmark make them. */
public final class LocalHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LocalHttp() {
    }

    /** Calls {@code http://localhost:<port><path>}, with {@code json} as the body when it is not null. */
    public static HttpResponse<String> call(int port, String method, String path, String json)
            throws IOException, InterruptedException {
        return call(port, method, path, json, Map.of());
    }

    /**
     * The same, with request headers (e.g. {@code If-Match}; a {@code Content-Type} replaces JSON's). Every call authenticates as the test admin
     * ({@link TestUsers}) unless {@code headers} names an {@code Authorization} of its own (empty: none at all).
     */
    public static HttpResponse<String> call(int port, String method, String path, String json,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60));
        String authorization = headers.getOrDefault("Authorization", TestUsers.admin());
        headers.forEach((name, value) -> {
            if (!name.equals("Authorization")) {
                request.header(name, value);
            }
        });
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            if (!headers.containsKey("Content-Type")) {
                request.header("Content-Type", "application/json");
            }
            request.method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST ({@code application/x-www-form-urlencoded}) without credentials, e.g. the form login. */
    public static HttpResponse<String> form(int port, String path, String form)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
