package io.sendports.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.sendports.control.Herder;
import io.sendports.suspended.SuspendedStore;

/** Ready once this instance has caught up with the control and suspended topics and can answer reads correctly. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final Herder herder;
    private final SuspendedStore suspended;

    public ReadinessCheck(Herder herder, SuspendedStore suspended) {
        this.herder = herder;
        this.suspended = suspended;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("control-topic").status(herder.ready() && suspended.ready())
                .withData("controlTopic", herder.ready()).withData("suspendedTopic", suspended.ready()).build();
    }
}
