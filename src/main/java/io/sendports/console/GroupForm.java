package io.sendports.console;

import java.util.List;

import io.sendports.control.GroupDocument;
import io.sendports.control.PortDocument.StatementDocument;

/**
 * The Send Port Group Properties form: name, description, members (chosen among the one-way ports) and the group's
 * subscription. Like {@link PortForm}, its fields are named by their JSON paths.
 *
 * @param candidates every one-way port's name, the possible members
 */
public record GroupForm(boolean creating, String name, String description, Long revision, List<String> members,
        String topics, List<List<StatementDocument>> filter, List<String> candidates) {

    static GroupForm creating(List<String> candidates) {
        return new GroupForm(true, "", "", null, List.of(), "", List.of(), candidates);
    }

    static GroupForm editing(GroupDocument group, List<String> candidates) {
        return new GroupForm(false, group.name(), group.description() == null ? "" : group.description(),
                group.revision(), group.sendPorts() == null ? List.of() : group.sendPorts(),
                Labels.topics(group.subscription()),
                group.subscription() == null || group.subscription().filter() == null ? List.of()
                        : group.subscription().filter(), candidates);
    }

    public boolean member(String port) {
        return members.stream().anyMatch(port::equalsIgnoreCase);
    }

    /** The filter as the editor's rows. */
    public List<List<Statement>> statements() {
        return Statement.of(filter);
    }

    public Statement blank() {
        return Statement.BLANK;
    }
}
