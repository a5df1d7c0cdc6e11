package io.sendports.domain;

import java.util.Locale;

/**
 * The operator's lifecycle verbs, and the state table of DESIGN.md §3 that says where each leads.
 *
 * <pre>
 *   action    | from unenlisted | from stopped | from started
 *   enlist    | stopped         | no-op        | no-op
 *   start     | started         | started      | no-op
 *   stop      | illegal (409)   | no-op        | stopped
 *   unenlist  | no-op           | unenlisted   | unenlisted
 * </pre>
 */
public enum LifecycleAction {
    ENLIST, START, STOP, UNENLIST;

    /**
     * The state this action leads to from {@code current}.
     *
     * @throws IllegalTransitionException when the table forbids the action in that state
     */
    public PortState apply(PortState current) {
        return switch (this) {
            case ENLIST -> current == PortState.UNENLISTED ? PortState.STOPPED : current;
            case START -> PortState.STARTED;
            case STOP -> {
                if (current == PortState.UNENLISTED) {
                    throw new IllegalTransitionException(
                            "cannot stop an unenlisted port: enlist or start it first");
                }
                yield PortState.STOPPED;
            }
            case UNENLIST -> PortState.UNENLISTED;
        };
    }

    /** The path segment of the REST verb, e.g. {@code enlist}. */
    public String verb() {
        return name().toLowerCase(Locale.ROOT);
    }
}
