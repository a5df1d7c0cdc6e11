package io.sendports.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.sendports.domain.FieldError;

/** An RFC 9457 problem detail; {@code errors} lists field errors of a 400. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
}
