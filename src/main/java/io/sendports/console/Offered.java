package io.sendports.console;

import java.util.ArrayList;
import java.util.List;

import io.sendports.domain.IllegalTransitionException;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.PortState;

/**
 * Which actions the console offers on a port or a group: those that DESIGN.md §3's state table lets change the
 * current state (a no-op or a refused transition is not offered) and that the user's role allows (§7). A forbidden
 * action is not shown at all; the API still refuses it on its own if someone sends it.
 */
public final class Offered {
    static final String PROPERTIES = "properties";
    static final String DELETE = "delete";

    private Offered() {
    }

    /** An action as a button shows it. */
    public record Action(String verb, String label) {
        static List<Action> of(List<String> verbs) {
            return verbs.stream().map(verb -> new Action(verb, verb.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + verb.substring(1))).toList();
        }
    }

    /** The lifecycle actions, then delete for an unenlisted port in no group. */
    static List<String> forPort(ConsoleUser user, PortState state, boolean inGroup) {
        List<String> actions = lifecycle(user, state);
        if (user.admin() && state == PortState.UNENLISTED && !inGroup) {
            actions.add(DELETE);
        }
        return actions;
    }

    /** The lifecycle actions, then delete for an unenlisted group. */
    static List<String> forGroup(ConsoleUser user, PortState state) {
        List<String> actions = lifecycle(user, state);
        if (user.admin() && state == PortState.UNENLISTED) {
            actions.add(DELETE);
        }
        return actions;
    }

    private static List<String> lifecycle(ConsoleUser user, PortState state) {
        List<String> actions = new ArrayList<>(4);
        for (LifecycleAction action : List.of(LifecycleAction.START, LifecycleAction.STOP, LifecycleAction.ENLIST,
                LifecycleAction.UNENLIST)) {
            if (changes(action, state) && allows(user, action, state)) {
                actions.add(action.verb());
            }
        }
        return actions;
    }

    private static boolean changes(LifecycleAction action, PortState state) {
        try {
            return action.apply(state) != state;
        } catch (IllegalTransitionException e) {
            return false;
        }
    }

    /** Enlist and unenlist are an admin's; an operator starts and stops only what is enlisted already. */
    private static boolean allows(ConsoleUser user, LifecycleAction action, PortState state) {
        return switch (action) {
            case ENLIST, UNENLIST -> user.admin();
            case START -> user.admin() || (user.operates() && state.isEnlisted());
            case STOP -> user.operates();
        };
    }
}
