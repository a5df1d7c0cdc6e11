package io.sendports.console;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.api.EntityViews;
import io.sendports.api.SuspendedMessageResource;
import io.sendports.control.Herder;
import io.sendports.control.PortDocument;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.FieldError;
import io.sendports.security.Role;
import io.sendports.security.SessionCsrf;
import io.sendports.suspended.SuspendedMessage;
import io.sendports.suspended.SuspendedService;

/**
 * The console's pages and fragments (DESIGN.md §8), rendered by Qute. It only reads: every change the console makes
 * goes through the JSON API ({@code console.js}), so the console and a script meet the same validation, roles and
 * answers. Rows come from {@link ConsoleSnapshots}, fragments for htmx from the same templates.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Role.ADMIN_NAME, Role.OPERATOR_NAME, Role.VIEWER_NAME})
public class ConsolePages {

    @CheckedTemplate(basePath = "console", defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
    static class Templates {
        static native TemplateInstance login();

        static native TemplateInstance ports(Page page, List<PortRow> rows);

        static native TemplateInstance portRow(Page page, PortRow row, boolean oob);

        static native TemplateInstance portForm(Page page, PortForm form);

        static native TemplateInstance groups(Page page, List<GroupRow> rows);

        static native TemplateInstance groupRow(Page page, GroupRow row, boolean oob);

        static native TemplateInstance groupForm(Page page, GroupForm form);

        static native TemplateInstance suspended(Page page, List<SuspendedMessage> messages, List<String> ports,
                String port, String text);

        static native TemplateInstance suspendedRows(Page page, List<SuspendedMessage> messages);

        static native TemplateInstance suspendedDetail(Page page, SuspendedMessageResource.Detail detail);

        static native TemplateInstance bindings(Page page);

        static native TemplateInstance publish(Page page);
    }

    private final ConsoleSnapshots snapshots;
    private final EntityViews views;
    private final Herder herder;
    private final SuspendedService suspended;
    private final SuspendedMessageResource suspendedMessages;
    private final SecurityIdentity identity;
    private final SessionCsrf csrf;
    private final ObjectMapper json;

    public ConsolePages(ConsoleSnapshots snapshots, EntityViews views, Herder herder, SuspendedService suspended,
            SuspendedMessageResource suspendedMessages, SecurityIdentity identity, SessionCsrf csrf,
            ObjectMapper json) {
        this.snapshots = snapshots;
        this.views = views;
        this.herder = herder;
        this.suspended = suspended;
        this.suspendedMessages = suspendedMessages;
        this.identity = identity;
        this.csrf = csrf;
        this.json = json;
    }

    @GET
    @PermitAll
    @Path("login")
    public TemplateInstance login() {
        return Templates.login();
    }

    /** The console's home is the Send Ports view, as the Administration Console's Send Ports node. */
    @GET
    public TemplateInstance home() {
        return ports();
    }

    @GET
    @Path("ports")
    public TemplateInstance ports() {
        ConsoleUser user = user();
        ConsoleSnapshots.Snapshot snapshot = snapshots.take();
        List<PortRow> rows = snapshot.ports().values().stream().map(port -> PortRow.of(port, user)).toList();
        return Templates.ports(new Page(user, "ports", "Send Ports", snapshot.id()), rows);
    }

    @GET
    @Path("ports/{name}/row")
    public TemplateInstance portRow(@PathParam("name") String name) {
        ConsoleUser user = user();
        return Templates.portRow(page(user, "ports", name), PortRow.of(views.port(herder.port(name)), user), false);
    }

    @GET
    @Path("ports/new")
    @RolesAllowed(Role.ADMIN_NAME)
    public TemplateInstance newPort(@QueryParam("kind") String kind, @QueryParam("pattern") String pattern) {
        String k = kind == null ? "static" : kind.toLowerCase(Locale.ROOT);
        String p = pattern == null ? "one-way" : pattern.toLowerCase(Locale.ROOT);
        if (!List.of("static", "dynamic").contains(k)) {
            throw new InvalidDefinitionException(List.of(new FieldError("kind", "must be static or dynamic")));
        }
        if (!List.of("one-way", "solicit-response").contains(p)) {
            throw new InvalidDefinitionException(List.of(new FieldError("pattern",
                    "must be one-way or solicit-response")));
        }
        PortForm form = PortForm.creating(k, p);
        return Templates.portForm(page(user(), "ports", "New " + form.kindLabel() + " Send Port"), form);
    }

    /** A port's properties; under its own path segment, so that a port may be named {@code new}. */
    @GET
    @Path("ports/{name}/properties")
    public TemplateInstance port(@PathParam("name") String name) {
        PortDocument port = views.port(herder.port(name));
        return Templates.portForm(page(user(), "ports", "Send Port Properties: " + port.name()),
                PortForm.editing(port, json));
    }

    @GET
    @Path("groups")
    public TemplateInstance groups() {
        ConsoleUser user = user();
        ConsoleSnapshots.Snapshot snapshot = snapshots.take();
        List<GroupRow> rows = snapshot.groups().values().stream().map(group -> GroupRow.of(group, user)).toList();
        return Templates.groups(new Page(user, "groups", "Send Port Groups", snapshot.id()), rows);
    }

    @GET
    @Path("groups/{name}/row")
    public TemplateInstance groupRow(@PathParam("name") String name) {
        ConsoleUser user = user();
        return Templates.groupRow(page(user, "groups", name), GroupRow.of(views.group(herder.group(name)), user),
                false);
    }

    @GET
    @Path("groups/new")
    @RolesAllowed(Role.ADMIN_NAME)
    public TemplateInstance newGroup() {
        return Templates.groupForm(page(user(), "groups", "New Send Port Group"), GroupForm.creating(oneWayPorts()));
    }

    @GET
    @Path("groups/{name}/properties")
    public TemplateInstance group(@PathParam("name") String name) {
        var group = views.group(herder.group(name));
        return Templates.groupForm(page(user(), "groups", "Send Port Group Properties: " + group.name()),
                GroupForm.editing(group, oneWayPorts()));
    }

    @GET
    @Path("suspended")
    public TemplateInstance suspendedView(@QueryParam("port") String port, @QueryParam("text") String text) {
        List<String> ports = herder.ports().stream().map(record -> record.name()).toList();
        return Templates.suspended(page(user(), "suspended", "Suspended messages"), suspendedMessages(port, text),
                ports, port == null ? "" : port, text == null ? "" : text);
    }

    @GET
    @Path("suspended/rows")
    public TemplateInstance suspendedRows(@QueryParam("port") String port, @QueryParam("text") String text) {
        return Templates.suspendedRows(page(user(), "suspended", ""), suspendedMessages(port, text));
    }

    @GET
    @Path("suspended/{id}")
    public TemplateInstance suspendedDetail(@PathParam("id") String id) {
        return Templates.suspendedDetail(page(user(), "suspended", ""), suspendedMessages.get(id));
    }

    @GET
    @Path("bindings")
    public TemplateInstance bindings() {
        return Templates.bindings(page(user(), "bindings", "Bindings"));
    }

    @GET
    @Path("publish")
    @RolesAllowed(Role.ADMIN_NAME)
    public TemplateInstance publish() {
        return Templates.publish(page(user(), "publish", "Publish a test message"));
    }

    private List<SuspendedMessage> suspendedMessages(String port, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return suspended.list(port == null || port.isBlank() ? null : port).stream()
                .filter(m -> needle.isEmpty() || (m.error() != null && m.error().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    private List<String> oneWayPorts() {
        return herder.ports().stream().filter(record -> !record.port().isSolicitResponse())
                .map(record -> record.name()).toList();
    }

    /** Who looks: every method that asks is for signed-in users only ({@code @RolesAllowed}). */
    private ConsoleUser user() {
        return ConsoleUser.of(identity, csrf);
    }

    private static Page page(ConsoleUser user, String view, String title) {
        return new Page(user, view, title, 0);
    }
}
