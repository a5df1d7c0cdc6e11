package io.sendports.bindings.biztalk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A BizTalk transport ({@code PrimaryTransport} or {@code SecondaryTransport}: adapter, address, adapter settings)
 * as a Sendports transport {@code {type, address, options}}. HTTP, FILE and SFTP have equivalents; for every
 * other adapter (nulladapter, WCF-*, MSMQ, MQSC, SMTP, SQL, FTP, …) the caller decides
 * ({@link #translate} answers empty). Adapter settings without an equivalent are reported one by one, and every
 * password the export stripped ({@code vt="1"}) is reported as a missing credential: none is ever invented as a
 * literal.
 */
final class Adapters {
    /** HTTP settings that Sendports' http transport does the same as, or that are mapped. */
    private static final Map<String, String> HTTP_SAME = Map.of("UseProxy", "0", "UseSSO", "0",
            "AuthenticationScheme", "Anonymous");
    private static final Set<String> HTTP_MAPPED = Set.of("RequestTimeout");
    private static final Set<String> FILE_MAPPED = Set.of("CopyMode", "FileName", "FilePath", "UseTempFileOnWrite");
    private static final Map<String, String> FILE_SAME = Map.of("AllowCacheOnWrite", "0");
    private static final Set<String> SFTP_MAPPED = Set.of("UserName", "TargetFileName", "Port", "ServerAddress",
            "FolderPath", "ClientAuthenticationMode", "AppendIfExists");
    /** The longest HTTP timeout Sendports takes (seconds). */
    private static final int MAX_TIMEOUT_SECONDS = 600;

    private Adapters() {
    }

    /** What one transport of a port says. */
    record Source(String element, String adapter, String address, CustomProps props) {
    }

    /**
     * The Sendports transport of a BizTalk one, or empty when its adapter (or its address) has no equivalent.
     *
     * @param secretPrefix the start of the environment variable names of the secret references this transport
     *                     needs (sftp), such as {@code BIZTALK_ORDERS}
     */
    static Optional<ObjectNode> translate(Source source, String secretPrefix, ObjectMapper json,
            Report.Entity report) {
        reportStripped(source, report);
        return switch (source.adapter().toUpperCase(Locale.ROOT)) {
            case "HTTP" -> http(source, json, report);
            case "FILE" -> file(source, json, report);
            case "SFTP" -> sftp(source, secretPrefix, json, report);
            default -> Optional.empty();
        };
    }

    private static void reportStripped(Source source, Report.Entity report) {
        source.props().all().forEach((name, prop) -> {
            if (prop.stripped()) {
                report.add(source.element() + "/TransportTypeData/" + name, "", "the export stripped this credential;"
                        + " it is not imported: set it as a secret reference (" + "${env:NAME} or ${file:/path}) on the"
                        + " port before it is started");
            }
        });
    }

    private static Optional<ObjectNode> http(Source source, ObjectMapper json, Report.Entity report) {
        String address = source.address();
        String scheme = address.contains(":") ? address.substring(0, address.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!(scheme.equals("http") || scheme.equals("https")) || !hasHost(address)) {
            return Optional.empty();
        }
        ObjectNode options = json.createObjectNode();
        source.props().text("RequestTimeout").map(Adapters::integer).filter(seconds -> seconds > 0)
                .ifPresent(seconds -> {
                    if (seconds > MAX_TIMEOUT_SECONDS) {
                        report.add(source.element() + "/TransportTypeData/RequestTimeout", String.valueOf(seconds),
                                "Sendports waits at most PT10M for an HTTP answer; the timeout is PT10M");
                    }
                    options.put("timeout", "PT" + Math.min(seconds, MAX_TIMEOUT_SECONDS) + "S");
                });
        source.props().text("AuthenticationScheme").filter(scheme1 -> !scheme1.equals("Anonymous"))
                .ifPresent(auth -> report.add(source.element() + "/TransportTypeData/AuthenticationScheme", auth,
                        "no credentials are imported (the export strips passwords); set options.auth with secret"
                                + " references (basic or bearer) if the server needs them"));
        reportOthers(source, HTTP_MAPPED, HTTP_SAME, Set.of("AuthenticationScheme"), report);
        return Optional.of(transport(json, "http", address.strip(), options));
    }

    private static Optional<ObjectNode> file(Source source, ObjectMapper json, Report.Entity report) {
        Optional<FileAddresses.Location> location = FileAddresses.split(source.address());
        Optional<String> uri = location.flatMap(l -> FileAddresses.fileUri(l.directory()));
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        if (!source.address().strip().startsWith("/")) {
            report.add(source.element() + "/Address", source.address(), "a Windows path; the directory is "
                    + location.get().directory() + " (docs/biztalk-mapping.md): make sure it exists on the Sendports"
                    + " host, or change the address");
        }
        ObjectNode options = json.createObjectNode();
        String name = location.get().fileName().isEmpty() ? source.props().text("FileName").orElse("%MessageID%")
                : location.get().fileName();
        options.put("fileName", FileAddresses.fileName(name, source.element() + "/Address", report));
        source.props().text("CopyMode").ifPresent(mode -> {
            String mapped = switch (mode) {
                case "0" -> "append";
                case "2" -> "overwrite";
                default -> "create";
            };
            options.put("mode", mapped);
        });
        reportOthers(source, FILE_MAPPED, FILE_SAME, Set.of(), report);
        return Optional.of(transport(json, "file", uri.get(), options));
    }

    private static Optional<ObjectNode> sftp(Source source, String secretPrefix, ObjectMapper json,
            Report.Entity report) {
        // the last segment is the file name, whose macros (%MessageID%) are no URI escapes: split it off first
        String text = source.address().strip();
        int slash = text.indexOf('/', text.indexOf("://") + 3);
        int last = text.lastIndexOf('/');
        if (!text.regionMatches(true, 0, "sftp://", 0, 7) || slash < 0) {
            return Optional.empty();
        }
        String lastSegment = text.substring(last + 1);
        String directory = last == slash ? "/" : text.substring(slash, last);
        URI uri;
        try {
            uri = new URI(text.substring(0, slash) + directory);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        Optional<String> user = source.props().text("UserName");
        if (uri.getHost() == null || user.isEmpty()) {
            return Optional.empty();
        }
        String name = source.props().text("TargetFileName").orElse(lastSegment.isEmpty() ? "%MessageID%" : lastSegment);
        String address = "sftp://" + uri.getRawAuthority() + directory;
        ObjectNode options = json.createObjectNode();
        options.put("username", user.get());
        boolean key = source.props().text("ClientAuthenticationMode").filter(m -> m.startsWith("PublicKey")).isPresent();
        String credential = key ? "privateKey" : "password";
        String variable = secretPrefix + (key ? "_SFTP_PRIVATE_KEY" : "_SFTP_PASSWORD");
        options.put(credential, "${env:" + variable + "}");
        options.put("knownHosts", "${env:" + secretPrefix + "_SFTP_KNOWN_HOSTS}");
        options.put("fileName", FileAddresses.fileName(name, source.element() + "/TransportTypeData/TargetFileName",
                report));
        options.put("mode", source.props().bool("AppendIfExists").orElse(false) ? "append" : "overwrite");
        report.add(source.element() + "/TransportTypeData", "", "the sftp transport needs credentials the export does"
                + " not hold: options." + credential + " is ${env:" + variable + "} and options.knownHosts is ${env:"
                + secretPrefix + "_SFTP_KNOWN_HOSTS}; set those variables (or change the references) before the port"
                + " is started: until then every delivery fails and names the reference");
        source.props().bool("AccessAnySSHServerHostKey").filter(any -> any).ifPresent(any -> report.add(
                source.element() + "/TransportTypeData/AccessAnySSHServerHostKey", "-1",
                "Sendports accepts no host key unchecked: the server's key must be in knownHosts"));
        reportOthers(source, SFTP_MAPPED, Map.of(), Set.of("AccessAnySSHServerHostKey"), report);
        return Optional.of(transport(json, "sftp", address, options));
    }

    /** Every setting neither mapped, nor the same as Sendports does, nor reported already, nor empty. */
    private static void reportOthers(Source source, Set<String> mapped, Map<String, String> same, Set<String> reported,
            Report.Entity report) {
        source.props().all().forEach((name, prop) -> {
            if (prop.stripped() || prop.value().isEmpty() || mapped.contains(name) || reported.contains(name)
                    || prop.value().equals(same.get(name))) {
                return;
            }
            report.add(source.element() + "/TransportTypeData/" + name, prop.value(),
                    "no equivalent in Sendports' " + source.adapter().toLowerCase(Locale.ROOT) + " transport; ignored");
        });
    }

    private static ObjectNode transport(ObjectMapper json, String type, String address, ObjectNode options) {
        ObjectNode transport = json.createObjectNode().put("type", type).put("address", address);
        if (!options.isEmpty()) {
            transport.set("options", options);
        }
        return transport;
    }

    /** Whether a text is a URI with a server host: {@code http://$(Host)/x}, a deployment placeholder, is not. */
    private static boolean hasHost(String text) {
        try {
            return new URI(text.strip()).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
