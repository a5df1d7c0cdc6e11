package io.sendports.bindings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.sendports.control.GroupDocument;
import io.sendports.control.PortDocument;

/**
 * The whole configuration as a file (DESIGN.md §9, API.md "Bindings"): every port's and group's definition, with
 * every default written out and none of the read-only fields, secrets as the references they are written as.
 *
 * @param version {@value #VERSION}; an import of any other version is refused
 */
@JsonPropertyOrder({"version", "sendPorts", "sendPortGroups"})
public record BindingsDocument(Integer version, List<PortDocument> sendPorts, List<GroupDocument> sendPortGroups) {
    public static final int VERSION = 1;
}
