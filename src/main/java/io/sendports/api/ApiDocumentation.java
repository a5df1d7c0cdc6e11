package io.sendports.api;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The parts of the OpenAPI document ({@code /q/openapi}) that every resource shares: the problem responses,
 * referred to by name from each operation's {@code @APIResponse(ref = ...)}. {@code OpenApiContractIT} checks
 * that every status the API answers is documented.
 */
@OpenAPIDefinition(
        info = @Info(title = "Sendports", version = "0.1.0",
                description = "BizTalk-style send ports for Apache Kafka"),
        components = @Components(schemas = @Schema(name = "PortStatus", implementation = PortStatus.class),
                responses = {
                @APIResponse(name = ApiDocumentation.INVALID, responseCode = "400",
                        description = "Invalid request: `errors` names each field and the reason",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.NOT_FOUND, responseCode = "404",
                        description = "No entity of that name (names ignore case)",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.CONFLICT, responseCode = "409",
                        description = "The change conflicts with the entity's state (the state table, a duplicate name, "
                                + "or a concurrent change that won); `detail` says which rule",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.PRECONDITION_FAILED, responseCode = "412",
                        description = "`If-Match` names a revision that is no longer the entity's",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.TOO_LARGE, responseCode = "413",
                        description = "The request or the record is larger than accepted; `detail` names the limit",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.UNSUPPORTED_MEDIA_TYPE, responseCode = "415",
                        description = "The body is not sent as `application/json`",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = ApiDocumentation.NOT_READY, responseCode = "503",
                        description = "Not ready (still reading the control topic) or Kafka unavailable; see `Retry-After`",
                        content = @Content(mediaType = Problem.MEDIA_TYPE,
                                schema = @Schema(implementation = Problem.class)))
        }))
public final class ApiDocumentation {
    static final String INVALID = "Invalid";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String PRECONDITION_FAILED = "PreconditionFailed";
    static final String TOO_LARGE = "TooLarge";
    static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    static final String NOT_READY = "NotReady";

    private ApiDocumentation() {
    }
}
