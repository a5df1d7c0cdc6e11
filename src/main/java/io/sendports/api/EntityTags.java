package io.sendports.api;

import java.util.List;
import java.util.OptionalLong;

import io.sendports.control.PreconditionFailedException;
import io.sendports.domain.FieldError;
import io.sendports.domain.InvalidDefinitionException;

/**
 * Entity tags of ports (API.md, "Revisions and concurrent changes"): the tag is the revision in quotes,
 * {@code "7"}. {@code If-Match} names the one revision a change is based on, or {@code *} for any.
 */
final class EntityTags {
    static final String IF_MATCH = "If-Match";

    private EntityTags() {
    }

    static String of(long revision) {
        return "\"" + revision + "\"";
    }

    /**
     * The revision an {@code If-Match} header names; empty when there is none or it is {@code *}.
     *
     * @throws PreconditionFailedException for a weak tag, which never matches (RFC 9110, 13.1.1)
     */
    static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            throw new PreconditionFailedException(
                    "If-Match needs a strong entity tag such as \"7\"; a weak one never matches");
        }
        if (tag.length() > 2 && tag.length() <= 21 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return OptionalLong.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw new InvalidDefinitionException(List.of(new FieldError(IF_MATCH,
                "must be one entity tag as sent in ETag, e.g. \"7\" with the quotes, or *")));
    }
}
