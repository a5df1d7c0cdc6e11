package io.sendports.bindings.biztalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.sendports.control.GroupDocument;
import io.sendports.control.GroupDocuments;
import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SendPort;

/**
 * What the tests of the BizTalk translation share: the translation itself, and the proof that its output is
 * Sendports input, by the parsing {@code POST /api/send-ports} and {@code POST /api/send-port-groups} use (strict
 * JSON into {@link PortDocument} / {@link GroupDocument}, then {@link PortDocuments#define} /
 * {@link GroupDocuments#define}).
 */
final class BizTalkAssertions {
    /** As strict as the API's mapper (api/StrictJson): unknown fields, duplicate keys and trailing tokens fail. */
    static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    static final Path FIXTURES = Path.of("..", "shared", "fixtures", "biztalk");
    static final String TOPIC = "biztalk.messagebox";

    private BizTalkAssertions() {
    }

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (var in = BizTalkAssertions.class.getResourceAsStream("/biztalk/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource biztalk/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Translation translate(byte[] xml) {
        return BizTalkBindings.translate(xml, TOPIC, JSON);
    }

    /**
     * Checks the bindings document: its shape, every port and group through the API's parsing, group members that
     * exist and are one-way, names unique ignoring case, no read-only field.
     *
     * @return the ports by name, as the domain built them
     */
    static Map<String, SendPort> assertValid(Translation translation) {
        JsonNode bindings = translation.bindings();
        assertEquals(List.of("version", "sendPorts", "sendPortGroups"), fieldNames(bindings));
        assertEquals(1, bindings.get("version").asInt());
        Map<String, SendPort> ports = new HashMap<>();
        for (JsonNode node : bindings.get("sendPorts")) {
            SendPort port = define(node);
            if (ports.put(Names.key(port.name()), port) != null) {
                fail("two ports named " + port.name());
            }
            for (String readOnly : List.of("state", "revision", "groups", "lastChangedBy", "lastChangedAt", "status")) {
                assertTrue(node.get(readOnly) == null, port.name() + " has read-only field " + readOnly);
            }
        }
        List<String> groups = new ArrayList<>();
        for (JsonNode node : bindings.get("sendPortGroups")) {
            GroupDocument document = read(node, GroupDocument.class);
            GroupDocuments.define(document, ReservedTopics.DEFAULT);
            assertTrue(!groups.contains(Names.key(document.name())), "two groups named " + document.name());
            groups.add(Names.key(document.name()));
            for (String member : document.sendPorts()) {
                SendPort port = ports.get(Names.key(member));
                assertTrue(port != null, "group " + document.name() + " names unknown port " + member);
                assertTrue(port.pattern().json().equals("one-way"), "group member " + member + " is not one-way");
            }
        }
        for (NotMapped entry : translation.notMapped()) {
            String name = entry.entity().substring(entry.entity().indexOf('/') + 1);
            boolean known = entry.entity().startsWith("port/") ? ports.containsKey(Names.key(name))
                    : entry.entity().startsWith("group/") && groups.contains(Names.key(name));
            assertTrue(known, "notMapped names an entity that is not in the bindings: " + entry);
        }
        return ports;
    }

    /** A port node through the API's parsing; fails the test with the field errors when it is invalid. */
    static SendPort define(JsonNode node) {
        try {
            return PortDocuments.define(read(node, PortDocument.class));
        } catch (InvalidDefinitionException e) {
            throw new AssertionError("port " + node.path("name").asText() + " is not valid Sendports input: "
                    + e.errors() + "\n" + node.toPrettyString(), e);
        }
    }

    static <T> T read(JsonNode node, Class<T> type) {
        try {
            return JSON.readValue(JSON.writeValueAsString(node), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not " + type.getSimpleName() + " JSON: " + e.getOriginalMessage() + "\n"
                    + node.toPrettyString(), e);
        }
    }

    static JsonNode port(Translation translation, String name) {
        return find(translation.bindings().get("sendPorts"), name)
                .orElseThrow(() -> new AssertionError("no port " + name + " in " + names(translation, "sendPorts")));
    }

    static JsonNode group(Translation translation, String name) {
        return find(translation.bindings().get("sendPortGroups"), name).orElseThrow(
                () -> new AssertionError("no group " + name + " in " + names(translation, "sendPortGroups")));
    }

    static List<String> names(Translation translation, String collection) {
        List<String> names = new ArrayList<>();
        translation.bindings().get(collection).forEach(node -> names.add(node.get("name").asText()));
        return names;
    }

    /** The notMapped entries of one entity and element. */
    static List<NotMapped> notMapped(Translation translation, String entity, String element) {
        return translation.notMapped().stream().filter(e -> e.entity().equals(entity) && e.element().equals(element))
                .toList();
    }

    static NotMapped oneNotMapped(Translation translation, String entity, String element) {
        List<NotMapped> found = notMapped(translation, entity, element);
        assertEquals(1, found.size(), "notMapped entries of " + entity + " " + element + ": " + found
                + "\nall: " + translation.notMapped());
        return found.get(0);
    }

    private static Optional<JsonNode> find(JsonNode array, String name) {
        for (JsonNode node : array) {
            if (node.get("name").asText().equals(name)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
