package io.sendports.console;

import java.util.List;

import io.sendports.api.PortStatus;
import io.sendports.control.PortDocument;
import io.sendports.domain.PortState;

/**
 * One row of the Send Ports view: the port as the API shows it, in the console's words, with the actions offered to
 * the user who looks.
 */
public record PortRow(String name, long revision, String state, String stateLabel, String kind, String transport, String address,
        String topics, String filter, String groups, long lag, String oldestWaiting, long delivered, long failed,
        long suspended, String lastError, List<Offered.Action> actions, boolean editable) {

    static PortRow of(PortDocument port, ConsoleUser user) {
        PortStatus status = (PortStatus) port.status();
        boolean dynamic = "dynamic".equals(port.kind());
        List<String> groups = port.groups() == null ? List.of() : port.groups();
        PortState state = PortState.parse(port.state()).orElse(PortState.UNENLISTED);
        return new PortRow(port.name(), port.revision() == null ? 0 : port.revision(), port.state(), Labels.state(port.state()), Labels.kind(port.kind(), port.pattern()),
                dynamic ? "dynamic" : port.transport().type(),
                dynamic ? String.join(" ", port.allowedDestinations()) : port.transport().address(),
                Labels.topics(port.subscription()), Labels.filter(port.subscription()), String.join(", ", groups),
                status == null || status.lag() == null ? 0 : status.lag(),
                status == null ? "" : Labels.age(status.oldestWaitingAge()),
                status == null ? 0 : status.delivered(), status == null ? 0 : status.failed(),
                status == null ? 0 : status.suspended(), status == null || status.lastError() == null ? "" : status.lastError(),
                Offered.Action.of(Offered.forPort(user, state, !groups.isEmpty())), user.admin());
    }

    /** Whether the action is offered; the template asks this per button. */
    public boolean offers(String action) {
        return actions.stream().anyMatch(a -> a.verb().equals(action));
    }
}
