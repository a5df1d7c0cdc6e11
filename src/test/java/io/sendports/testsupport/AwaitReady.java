package io.sendports.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.sendports.control.Herder;
import io.sendports.suspended.SuspendedStore;

/**
 * Before each {@code @QuarkusTest} method, makes REST Assured authenticate as the test admin ({@link TestUsers}), and
 * waits until the application under test is ready: it has read the control
 * and suspended topics, as the readiness check says. A freshly started application answers changes with 503 until then (as it should), and which
 * test class meets the fresh application depends on how the classes are spread over the test JVMs. Registered in
 * {@code META-INF/services}; once ready, each check is two volatile reads.
 */
public final class AwaitReady implements QuarkusTestBeforeEachCallback {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        // Every REST call of a test authenticates as the test admin unless it says otherwise (auth().none(), ...).
        io.restassured.RestAssured.authentication = io.restassured.RestAssured.preemptive()
                .basic(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        Herder herder = Arc.container().instance(Herder.class).get();
        SuspendedStore suspended = Arc.container().instance(SuspendedStore.class).get();
        await("the application under test to read the control and suspended topics").atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> herder.ready() && suspended.ready());
    }
}
