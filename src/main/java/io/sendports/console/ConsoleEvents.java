package io.sendports.console;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.security.Role;
import io.sendports.security.SessionCsrf;
import io.smallrye.mutiny.Multi;

/**
 * Live updates of an open view (server-sent events for the htmx SSE extension): each event {@value #EVENT} carries
 * the rows that changed since the last one, as htmx out-of-band swaps. A changed row replaces its row, a new one is
 * appended, a deleted one removed; nothing else of the page is sent.
 */
@Path("/console/events")
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ConsoleEvents {
    static final String EVENT = "rows";
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ConsoleEvents.class);

    private final ConsoleSnapshots snapshots;
    private final SecurityIdentity identity;
    private final SessionCsrf csrf;

    public ConsoleEvents(ConsoleSnapshots snapshots, SecurityIdentity identity, SessionCsrf csrf) {
        this.snapshots = snapshots;
        this.identity = identity;
        this.csrf = csrf;
    }

    /**
     * @param view  {@code ports} or {@code groups}
     * @param since the snapshot the page was rendered from (its {@code data-snapshot}); an unknown one starts now
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> events(@QueryParam("view") String view, @QueryParam("since") long since,
            @Context Sse sse) {
        ConsoleUser user = ConsoleUser.of(identity, csrf);
        Page page = new Page(user, view, "", 0);
        boolean groups = "groups".equals(view);
        return Multi.createFrom().deferred(() -> {
            AtomicReference<ConsoleSnapshots.Snapshot> last = new AtomicReference<>(
                    snapshots.find(since).orElseGet(snapshots::take));
            return snapshots.ticks().map(now -> {
                ConsoleSnapshots.Snapshot before = last.get();
                try {
                    String html = groups ? groupRows(page, before, now) : portRows(page, before, now);
                    last.set(now);
                    return html;
                } catch (RuntimeException e) {
                    // the stream goes on from the same baseline: the next tick sends these changes again
                    LOG.warnf(e, "A live update of the console's %s view failed", groups ? "groups" : "ports");
                    return "";
                }
            }).filter(html -> !html.isEmpty())
                    .map(html -> sse.newEventBuilder().name(EVENT).data(html).build());
        });
    }

    private static String portRows(Page page, ConsoleSnapshots.Snapshot before, ConsoleSnapshots.Snapshot now) {
        return rows(ConsoleSnapshots.Changes.between(before.ports(), now.ports()), "port", (port, oob) ->
                ConsolePages.Templates.portRow(page, PortRow.of(port, page.user()), oob).render());
    }

    private static String groupRows(Page page, ConsoleSnapshots.Snapshot before, ConsoleSnapshots.Snapshot now) {
        return rows(ConsoleSnapshots.Changes.between(before.groups(), now.groups()), "group", (group, oob) ->
                ConsolePages.Templates.groupRow(page, GroupRow.of(group, page.user()), oob).render());
    }

    /** The swaps of one view's changes: changed rows in place, new ones appended to the table, deleted ones removed. */
    private static <T> String rows(ConsoleSnapshots.Changes<T> changes, String kind,
            java.util.function.BiFunction<T, Boolean, String> render) {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (T entity : changes.changed()) {
            html.append(render.apply(entity, true));
        }
        appendAdded(html, kind + "-rows", changes.added().stream().map(entity -> render.apply(entity, false)));
        changes.removed().forEach(name -> html.append(removed(kind + "-", name)));
        return html.toString();
    }

    private static void appendAdded(StringBuilder html, String body, java.util.stream.Stream<String> rows) {
        String added = rows.reduce("", String::concat);
        if (!added.isEmpty()) {
            html.append("<tbody hx-swap-oob=\"beforeend:#").append(body).append("\">").append(added).append("</tbody>");
        }
    }

    /** An element that removes the row; names hold only {@code A-Z a-z 0-9 . _ -}, nothing to escape. */
    private static String removed(String prefix, String name) {
        return "<tr id=\"" + prefix + name + "\" hx-swap-oob=\"delete\"></tr>";
    }
}
