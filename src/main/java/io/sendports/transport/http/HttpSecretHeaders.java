package io.sendports.transport.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.sendports.domain.Limits;
import io.sendports.domain.Problems;
import io.sendports.domain.SecretReference;
import io.sendports.message.SendportsHeaders;

/**
 * The {@code secretHeaders} option: HTTP header names to secret references, each resolved at delivery into that
 * header (API.md "Secret references"), such as {@code {"X-Api-Key": "${env:ERP_KEY}"}}.
 *
 * <p>A secret header may not be one the transport sets itself or that frames the request ({@code Content-Type},
 * {@code Content-Length}, {@code Host}, hop-by-hop headers, {@code sendports.*}), nor one Camel's producer would act
 * on ({@link SendportsHeaders#CAMEL_CONTROLLED}); nor {@code Authorization} when {@code auth} sets it. Without
 * {@code auth}, an {@code Authorization} secret header carries a scheme of the receiver's own.
 */
final class HttpSecretHeaders {
    /** An HTTP field name (RFC 9110 token). */
    static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Set<String> RESERVED = Set.of("content-type", "content-length", "host", "transfer-encoding",
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "expect");

    private HttpSecretHeaders() {
    }

    /**
     * The option as written, sorted by name ignoring case, or null with its field errors added. Absent: empty.
     *
     * @param withAuth whether the destination has {@code auth}, which owns {@code Authorization}
     */
    static Map<String, SecretReference> parse(Object raw, boolean withAuth, String field, Problems problems) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> headers)) {
            problems.add(field, "must be an object of header names to secret references");
            return null;
        }
        if (headers.size() > Limits.HEADERS) {
            problems.add(field, "must name at most " + Limits.HEADERS + " headers");
            return null;
        }
        Map<String, SecretReference> parsed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        boolean ok = true;
        for (Map.Entry<?, ?> header : headers.entrySet()) {
            String name = String.valueOf(header.getKey());
            String refusal = refusal(name, withAuth);
            if (refusal != null) {
                // a name that is too long or not a token is not repeated in the field path
                problems.add(Limits.tooLong(name, Limits.OPTION_TEXT) != null || !TOKEN.matcher(name).matches() ? field
                        : field + "." + name, refusal);
                ok = false;
                continue;
            }
            if (parsed.containsKey(name)) {
                problems.add(field + "." + name, "names header " + name + " twice (header names ignore case)");
                ok = false;
                continue;
            }
            SecretReference reference = HttpAuth.reference(header.getValue(), field + "." + name, problems);
            if (reference == null) {
                ok = false;
            } else {
                parsed.put(name, reference);
            }
        }
        return ok ? Collections.unmodifiableMap(new LinkedHashMap<>(parsed)) : null;
    }

    /** Why a header name cannot be a secret header; null when it can. */
    private static String refusal(String name, boolean withAuth) {
        String tooLong = Limits.tooLong(name, Limits.OPTION_TEXT);
        if (tooLong != null) {
            return "has a header name that is too long: header names " + tooLong;
        }
        if (!TOKEN.matcher(name).matches()) {
            return "has a name that is not an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower) || lower.startsWith("sendports.")) {
            return "is a header the http transport sets itself or that frames the request; it cannot be a secret header";
        }
        if (SendportsHeaders.CAMEL_CONTROLLED.matcher(name).find()) {
            return "is a header Camel's producer acts on; it cannot be sent";
        }
        if (withAuth && lower.equals("authorization")) {
            return "is set by auth; use auth or an Authorization secret header, not both";
        }
        return null;
    }
}
