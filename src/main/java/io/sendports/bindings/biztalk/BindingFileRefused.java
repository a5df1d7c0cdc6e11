package io.sendports.bindings.biztalk;

/**
 * A BizTalk binding file that Sendports will not translate: unsafe (a DTD, an entity, beyond the size, depth or
 * element bounds) or malformed (not XML, not a {@code BindingInfo}, a filter that cannot be read). The message is
 * meant for a {@code 400} answer: it says what is wrong and where, and never repeats more of the file than a name.
 */
public final class BindingFileRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BindingFileRefused(String message) {
        super(message);
    }
}
