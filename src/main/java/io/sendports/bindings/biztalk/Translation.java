package io.sendports.bindings.biztalk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a BizTalk binding file becomes.
 *
 * @param bindings     a Sendports bindings document: {@code {"version": 1, "sendPorts": [...], "sendPortGroups": [...]}},
 *                     each entry as {@code POST /api/send-ports} and {@code POST /api/send-port-groups} take it
 * @param notMapped    every BizTalk element without an equivalent, per entity, in file order
 * @param biztalkNames Sendports name to BizTalk name for every port and group whose name had to change; a renamed
 *                     group never takes the name of a renamed port, so the map is unambiguous; in file order
 */
public record Translation(ObjectNode bindings, List<NotMapped> notMapped, Map<String, String> biztalkNames) {
    public Translation {
        notMapped = List.copyOf(notMapped);
        biztalkNames = Collections.unmodifiableMap(new LinkedHashMap<>(biztalkNames));
    }
}
