package io.sendports.testsupport;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestAfterAllCallback;
import io.quarkus.test.junit.callback.QuarkusTestContext;
import io.sendports.control.Herder;
import io.sendports.control.PortRecord;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.PortState;

/**
 * After each {@code @QuarkusTest} class, stops the ports it left started. All test classes share one application,
 * and every started port keeps a consumer polling and heartbeating its group: left running, the ports of the classes
 * before made each later class slower on the two cores the suite has. No class reads another's ports (their names
 * are unique), so stopping them changes nothing a test asserts. A stop that fails is a defect and fails the class.
 */
public final class StopPortsAfterClass implements QuarkusTestAfterAllCallback {
    @Override
    public void afterAll(QuarkusTestContext context) {
        Herder herder = Arc.container().instance(Herder.class).get();
        for (PortRecord record : herder.ports()) {
            if (record.state() == PortState.STARTED) {
                herder.lifecycle(record.name(), LifecycleAction.STOP, "test-cleanup");
            }
        }
    }
}
