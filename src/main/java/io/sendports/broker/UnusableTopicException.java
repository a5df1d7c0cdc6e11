package io.sendports.broker;

/**
 * A topic exists but cannot serve its purpose (the control topic with more than one partition): waiting and
 * trying again does not help, an operator must change the topic or the configuration.
 */
public final class UnusableTopicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnusableTopicException(String message) {
        super(message);
    }
}
