package io.sendports.bindings;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sendports.bindings.biztalk.NotMapped;

/**
 * What an import did, or would do on a dry run (API.md "Bindings"): each port and group with its action, and for a
 * BizTalk binding file what it holds that has no equivalent here.
 */
public record ImportReport(boolean dryRun, List<Entry> sendPorts, List<Entry> sendPortGroups,
        List<NotMapped> notMapped) {

    /** The actions, as the report writes them. */
    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String UNCHANGED = "unchanged";

    /**
     * One entity: {@code changed} lists the definition's fields that differ (for {@code updated}); {@code biztalkName}
     * is the name in the BizTalk binding file when it differs from the Sendports name.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String name, String action, List<String> changed, String biztalkName) {
    }
}
