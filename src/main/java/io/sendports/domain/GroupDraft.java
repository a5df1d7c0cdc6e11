package io.sendports.domain;

import java.util.List;

/** A send port group as written by an operator, before {@link SendPortGroups#define} checks it. */
public record GroupDraft(String name, String description, List<String> sendPorts, List<String> topics,
        List<List<PortDraft.StatementDraft>> filter) {
}
