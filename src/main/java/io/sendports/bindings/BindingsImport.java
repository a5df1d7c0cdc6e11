package io.sendports.bindings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.sendports.bindings.biztalk.NotMapped;
import io.sendports.control.GroupDocument;
import io.sendports.control.GroupDocuments;
import io.sendports.control.GroupRecord;
import io.sendports.control.Herder;
import io.sendports.control.PortDocument;
import io.sendports.control.PortDocuments;
import io.sendports.control.PortRecord;
import io.sendports.domain.FieldError;
import io.sendports.domain.GroupRules;
import io.sendports.domain.IllegalTransitionException;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.domain.ReservedTopics;
import io.sendports.domain.SecretPaths;
import io.sendports.domain.SendPort;
import io.sendports.domain.SendPortGroup;
import io.sendports.domain.SendPortGroups;
import io.sendports.transport.DeliveryContext;

/**
 * The import (DESIGN.md §9, API.md "Bindings"): keyed by name, the imported definition wins, nothing is deleted, new
 * ports and groups are created unenlisted, and a port or group that exists keeps its state (a running port goes on
 * under its new definition, as after {@code PUT}). All or nothing: every entry is checked as {@code POST} and
 * {@code PUT} check it (definition, secret references, transport settings, group members and rules), and one error
 * anywhere refuses the whole import with every error found, each naming its entry, before anything is written. A
 * dry run gives the same report and writes nothing.
 *
 * <p>The {@link Herder} then writes them as batches of control records ({@link Herder#writeAll}): every port at once,
 * then every group (a group may name a port of the same import). They are not one transaction: a change made on
 * another instance at the same moment, or a broker that fails midway, can stop an import after some of its writes
 * (the answer is then that error); importing the same file again completes it, since an import only ever brings
 * entities to the file's definitions.
 */
@ApplicationScoped
public class BindingsImport {
    private final Herder herder;
    private final ReservedTopics reserved;
    private final SecretPaths secretPaths;
    private final DeliveryContext delivery;
    private final ObjectMapper json;

    public BindingsImport(Herder herder, ReservedTopics reserved, SecretPaths secretPaths, DeliveryContext delivery,
            ObjectMapper json) {
        this.herder = herder;
        this.reserved = reserved;
        this.secretPaths = secretPaths;
        this.delivery = delivery;
        this.json = json;
    }

    /** A port to write: {@code current} null to create it; {@code changed} empty when it is the same already. */
    private record PortStep(SendPort port, PortRecord current, List<String> changed) {
    }

    private record GroupStep(SendPortGroup group, GroupRecord current, List<String> changed) {
    }

    /**
     * Checks the whole document, then writes it unless {@code dryRun}.
     *
     * @param notMapped    what a BizTalk binding file held that has no equivalent (empty for JSON and YAML)
     * @param biztalkNames a Sendports name to the BizTalk name it was made from, for the report
     * @throws InvalidDefinitionException with every error of every entry; nothing was written
     */
    public ImportReport run(BindingsDocument document, List<NotMapped> notMapped,
            Map<String, String> biztalkNames, boolean dryRun, String actor) {
        List<FieldError> errors = new ArrayList<>();
        if (!Objects.equals(document.version(), BindingsDocument.VERSION)) {
            errors.add(new FieldError("version", "must be " + BindingsDocument.VERSION));
        }
        Map<String, SendPort> imported = new HashMap<>();
        List<PortStep> ports = ports(document.sendPorts(), imported, errors);
        List<GroupStep> groups = groups(document.sendPortGroups(), imported, errors);
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        if (!dryRun) {
            herder.writeAll(ports.stream().filter(step -> step.current() == null || !step.changed().isEmpty())
                    .map(PortStep::port).toList(),
                    groups.stream().filter(step -> step.current() == null || !step.changed().isEmpty())
                            .map(GroupStep::group).toList(), actor);
        }
        return new ImportReport(dryRun,
                ports.stream().map(step -> entry(step.port().name(), step.current() == null, step.changed(),
                        biztalkNames)).toList(),
                groups.stream().map(step -> entry(step.group().name(), step.current() == null, step.changed(),
                        biztalkNames)).toList(),
                notMapped);
    }

    private static ImportReport.Entry entry(String name, boolean created, List<String> changed,
            Map<String, String> biztalkNames) {
        String action = created ? ImportReport.CREATED : changed.isEmpty() ? ImportReport.UNCHANGED
                : ImportReport.UPDATED;
        String biztalk = biztalkNames.get(name);
        return new ImportReport.Entry(name, action, action.equals(ImportReport.UPDATED) ? changed : null,
                biztalk == null || biztalk.equals(name) ? null : biztalk);
    }

    private List<PortStep> ports(List<PortDocument> documents, Map<String, SendPort> imported,
            List<FieldError> errors) {
        List<PortStep> steps = new ArrayList<>();
        for (int i = 0; documents != null && i < documents.size(); i++) {
            String field = "sendPorts[" + i + "]";
            PortDocument document = documents.get(i);
            if (document == null) {
                errors.add(new FieldError(field, "must be a send port's definition"));
                continue;
            }
            Entity entity = new Entity(field, "port '" + document.name() + "'", errors);
            entity.readOnly("state", document.state());
            entity.readOnly("revision", document.revision());
            entity.readOnly("groups", document.groups());
            entity.readOnly("lastChangedBy", document.lastChangedBy());
            entity.readOnly("lastChangedAt", document.lastChangedAt());
            entity.readOnly("status", document.status());
            SendPort port;
            try {
                port = PortDocuments.define(document, reserved);
            } catch (InvalidDefinitionException e) {
                entity.addAll(e.errors());
                continue;
            }
            entity.addAll(PortDocuments.secretErrors(port, secretPaths));
            entity.addAll(PortDocuments.transportErrors(port, delivery));
            if (imported.putIfAbsent(Names.key(port.name()), port) != null) {
                entity.add("name", "is given twice in this import (names are unique, ignoring case)");
                continue;
            }
            Optional<PortRecord> current = herder.findPort(port.name());
            if (current.isPresent()) {
                PortRecord existing = current.get();
                if (!existing.name().equals(port.name())) {
                    entity.add("name", "must be spelt as the existing port's name: '" + existing.name() + "'");
                } else if (!existing.port().canBecome(port)) {
                    entity.add("kind", "kind and pattern of the existing port ('" + existing.port().kind().json()
                            + "', '" + existing.port().pattern().json() + "') cannot change: delete the port, then "
                            + "import");
                }
            }
            steps.add(new PortStep(port, current.orElse(null), current.map(existing -> changed(
                    PortDocuments.document(existing.port()), PortDocuments.document(port))).orElse(List.of())));
        }
        return steps;
    }

    private List<GroupStep> groups(List<GroupDocument> documents, Map<String, SendPort> imported,
            List<FieldError> errors) {
        List<GroupStep> steps = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; documents != null && i < documents.size(); i++) {
            String field = "sendPortGroups[" + i + "]";
            GroupDocument document = documents.get(i);
            if (document == null) {
                errors.add(new FieldError(field, "must be a send port group's definition"));
                continue;
            }
            Entity entity = new Entity(field, "group '" + document.name() + "'", errors);
            entity.readOnly("state", document.state());
            entity.readOnly("revision", document.revision());
            entity.readOnly("lastChangedBy", document.lastChangedBy());
            entity.readOnly("lastChangedAt", document.lastChangedAt());
            entity.readOnly("status", document.status());
            SendPortGroup defined;
            try {
                defined = GroupDocuments.define(document, reserved);
            } catch (InvalidDefinitionException e) {
                entity.addAll(e.errors());
                continue;
            }
            if (!names.add(Names.key(defined.name()))) {
                entity.add("name", "is given twice in this import (names are unique, ignoring case)");
                continue;
            }
            SendPortGroup group = members(defined, imported, entity);
            Optional<GroupRecord> current = herder.groups().stream()
                    .filter(record -> Names.key(record.name()).equals(Names.key(group.name()))).findFirst();
            if (current.isPresent()) {
                GroupRecord existing = current.get();
                if (!existing.name().equals(group.name())) {
                    entity.add("name", "must be spelt as the existing group's name: '" + existing.name() + "'");
                }
                leaving(existing, group, entity);
            }
            steps.add(new GroupStep(group, current.orElse(null), current.map(existing -> changed(
                    GroupDocuments.document(existing.group()), GroupDocuments.document(group))).orElse(List.of())));
        }
        return steps;
    }

    /**
     * The group with its members spelt as their ports are; a member must be a one-way port of this import or one
     * that exists (an imported definition wins over the existing one).
     */
    private SendPortGroup members(SendPortGroup group, Map<String, SendPort> imported, Entity entity) {
        List<String> spelt = new ArrayList<>();
        for (int i = 0; i < group.sendPorts().size(); i++) {
            String member = group.sendPorts().get(i);
            SendPort port = imported.get(Names.key(member));
            if (port == null) {
                port = herder.findPort(member).map(PortRecord::port).orElse(null);
            }
            String error = SendPortGroups.memberError(port);
            if (error != null) {
                entity.add("sendPorts[" + i + "]", "'" + member + "' " + error
                        + (port == null ? " here or in this import" : ""));
            }
            spelt.add(port == null ? member : port.name());
        }
        return new SendPortGroup(group.name(), group.description(), spelt, group.subscription());
    }

    /** A member leaves a group only while it is stopped or unenlisted (DESIGN.md §3a), as on {@code PUT}. */
    private void leaving(GroupRecord current, SendPortGroup next, Entity entity) {
        for (String member : current.group().sendPorts()) {
            if (!next.hasMember(member)) {
                herder.findPort(member).ifPresent(port -> {
                    try {
                        GroupRules.removeMember(current.name(), port.name(), port.state());
                    } catch (IllegalTransitionException e) {
                        entity.add("sendPorts", e.getMessage());
                    }
                });
            }
        }
    }

    /** The top-level fields of a definition whose values differ, in the order the document has them. */
    private List<String> changed(Object before, Object after) {
        JsonNode old = json.valueToTree(before);
        JsonNode now = json.valueToTree(after);
        Set<String> fields = new LinkedHashSet<>();
        now.fieldNames().forEachRemaining(fields::add);
        old.fieldNames().forEachRemaining(fields::add);
        List<String> changed = new ArrayList<>();
        for (Iterator<String> it = fields.iterator(); it.hasNext();) {
            String field = it.next();
            if (!Objects.equals(old.get(field), now.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }

    /** One entry's errors, each under the entry's field path and opening with the entity it belongs to. */
    private record Entity(String field, String who, List<FieldError> errors) {
        void add(String subfield, String message) {
            errors.add(new FieldError(field + "." + subfield, who + ": " + message));
        }

        void addAll(List<FieldError> found) {
            found.forEach(error -> add(error.field(), error.message()));
        }

        void readOnly(String subfield, Object value) {
            if (value != null) {
                add(subfield, "is read-only: bindings hold definitions only (an imported port or group is created "
                        + "unenlisted, and one that exists keeps its state)");
            }
        }
    }
}
