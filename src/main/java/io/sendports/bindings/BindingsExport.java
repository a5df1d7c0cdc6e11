package io.sendports.bindings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.sendports.control.GroupDocuments;
import io.sendports.control.GroupRecord;
import io.sendports.control.Herder;
import io.sendports.control.NoSuchEntityException;
import io.sendports.control.PortDocuments;
import io.sendports.control.PortRecord;
import io.sendports.domain.Names;

/**
 * The export: every port and group, or those named, in the order of their names (ignoring case), definitions only,
 * so that two exports of the same configuration are the same file and an import of one into an empty instance
 * exports the same again.
 */
@ApplicationScoped
public class BindingsExport {
    private final Herder herder;

    public BindingsExport(Herder herder) {
        this.herder = herder;
    }

    /**
     * @param ports  the ports to export; empty with {@code groups} empty too: every port and group
     * @param groups the groups to export
     * @throws NoSuchEntityException when a named port or group does not exist
     */
    public BindingsDocument export(Optional<List<String>> ports, Optional<List<String>> groups) {
        boolean everything = ports.isEmpty() && groups.isEmpty();
        Map<String, PortRecord> chosenPorts = new TreeMap<>();
        (everything ? herder.ports() : ports.orElse(List.of()).stream().map(herder::port).toList())
                .forEach(record -> chosenPorts.put(Names.key(record.name()), record));
        Map<String, GroupRecord> chosenGroups = new TreeMap<>();
        (everything ? herder.groups() : groups.orElse(List.of()).stream().map(herder::group).toList())
                .forEach(record -> chosenGroups.put(Names.key(record.name()), record));
        return new BindingsDocument(BindingsDocument.VERSION,
                chosenPorts.values().stream().map(record -> PortDocuments.document(record.port())).toList(),
                chosenGroups.values().stream().map(record -> GroupDocuments.document(record.group())).toList());
    }
}
