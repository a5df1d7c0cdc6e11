package io.sendports.domain;

import java.util.Optional;

/** One-way ports only send; solicit-response ports wait for the reply and publish it. Fixed at creation. */
public enum MessagePattern {
    ONE_WAY("one-way"), SOLICIT_RESPONSE("solicit-response");

    private final String json;

    MessagePattern(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static Optional<MessagePattern> parse(String text) {
        for (MessagePattern pattern : values()) {
            if (pattern.json.equals(text)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }
}
