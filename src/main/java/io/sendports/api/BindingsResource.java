package io.sendports.api;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.sendports.bindings.BindingsDocument;
import io.sendports.bindings.BindingsExport;
import io.sendports.bindings.BindingsFormat;
import io.sendports.bindings.BindingsImport;
import io.sendports.bindings.ImportReport;
import io.sendports.bindings.biztalk.BizTalkBindings;
import io.sendports.bindings.biztalk.Translation;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;
import io.sendports.security.Role;

/**
 * Bindings (API.md "Bindings", docs/BINDINGS.md): the whole configuration exported as JSON or YAML, and imported
 * from JSON, YAML or a BizTalk binding file. The work is {@link BindingsExport}'s and {@link BindingsImport}'s.
 */
@Path("/api/bindings")
@Tag(name = "Bindings")
public class BindingsResource {
    private final BindingsExport export;
    private final BindingsImport importer;
    private final BindingsFormat format;
    private final SecurityIdentity caller;
    private final ObjectMapper json;

    public BindingsResource(BindingsExport export, BindingsImport importer, BindingsFormat format,
            SecurityIdentity caller, ObjectMapper json) {
        this.json = json;
        this.export = export;
        this.importer = importer;
        this.format = format;
        this.caller = caller;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, BindingsFormat.YAML, "application/x-yaml", "text/yaml"})
    @RolesAllowed({Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Export every port and group (or those named): definitions only, JSON or YAML")
    @APIResponse(responseCode = "200", description = "The bindings, the same bytes for the same configuration",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BindingsDocument.class)),
                    @Content(mediaType = BindingsFormat.YAML,
                            schema = @Schema(implementation = BindingsDocument.class))})
    @APIResponse(responseCode = "404", ref = ApiDocumentation.NOT_FOUND)
    @APIResponse(responseCode = "406", description = "`Accept` names neither JSON nor YAML")
    public Response export(
            @Parameter(description = "Comma-separated port names; with groups, only what is named is exported")
            @QueryParam("ports") String ports,
            @Parameter(description = "Comma-separated group names") @QueryParam("groups") String groups,
            @Context HttpHeaders headers) throws IOException {
        BindingsDocument document = export.export(names(ports), names(groups));
        boolean yaml = headers.getAcceptableMediaTypes().stream()
                .filter(type -> type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || isYaml(type))
                .findFirst().map(BindingsResource::isYaml).orElse(false);
        return yaml ? Response.ok(format.yaml(document), BindingsFormat.YAML).build()
                : Response.ok(format.json(document), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, BindingsFormat.YAML, "application/x-yaml", "text/yaml",
            MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "Import bindings (JSON, YAML, or a BizTalk binding file): all or nothing, keyed by name")
    @APIResponse(responseCode = "200", description = "What was created, updated or left as it was",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "400", ref = ApiDocumentation.INVALID)
    @APIResponse(responseCode = "409", ref = ApiDocumentation.CONFLICT)
    @APIResponse(responseCode = "413", ref = ApiDocumentation.TOO_LARGE)
    @APIResponse(responseCode = "415", description = "The body is not JSON, YAML or XML",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDocumentation.NOT_READY)
    public ImportReport importBindings(
            @Parameter(description = "Check and report only; nothing is written") @QueryParam("dryRun") String dryRun,
            @Parameter(description = "BizTalk binding files: the topic that stands for the MessageBox")
            @QueryParam("topic") String topic,
            @Context HttpHeaders headers, byte[] body) throws IOException {
        boolean dry = QueryFlags.flag("dryRun", dryRun);
        if (body == null || body.length == 0) {
            throw new InvalidDefinitionException(List.of(new FieldError("body", "a bindings document is required")));
        }
        MediaType type = headers.getMediaType();
        boolean xml = MediaType.APPLICATION_XML_TYPE.isCompatible(type) || MediaType.TEXT_XML_TYPE.isCompatible(type);
        if (topic != null && !xml) {
            throw new InvalidDefinitionException(List.of(new FieldError("topic",
                    "applies to BizTalk binding files (Content-Type: application/xml) only")));
        }
        String actor = caller.getPrincipal().getName();
        if (xml) {
            Translation translation = BizTalkBindings.translate(body, topic, json);
            return importer.run(format.read(translation.bindings()), translation.notMapped(),
                    translation.biztalkNames(), dry, actor);
        }
        BindingsDocument document = isYaml(type) ? format.readYaml(body) : format.readJson(body);
        return importer.run(document, List.of(), Map.of(), dry, actor);
    }

    private static boolean isYaml(MediaType type) {
        return type != null && (type.getSubtype().equals("yaml") || type.getSubtype().equals("x-yaml"));
    }

    private static Optional<List<String>> names(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(text.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList());
    }

}
