package io.sendports.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.sendports.control.Herder;

/** Ready once this instance has caught up with the control topic and can answer reads correctly. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final Herder herder;

    public ReadinessCheck(Herder herder) {
        this.herder = herder;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("control-topic").status(herder.ready()).build();
    }
}
