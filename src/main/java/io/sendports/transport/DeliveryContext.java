package io.sendports.transport;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.sendports.SendportsConfig;
import io.sendports.secret.Secrets;

/**
 * What a transport may use while it prepares a delivery: the clock (file-name macros, time stamps) and the secret
 * resolver (credentials are resolved at delivery, so a rotated secret is used by the next delivery, and never
 * stored resolved), and the settings a transport reads ({@code sendports.transport.kafka.*}).
 */
@ApplicationScoped
public class DeliveryContext {
    private final Clock clock;
    private final Secrets secrets;
    private final SendportsConfig settings;

    @Inject
    public DeliveryContext(Clock clock, Secrets secrets, SendportsConfig settings) {
        this.clock = clock;
        this.secrets = secrets;
        this.settings = settings;
    }

    public Clock clock() {
        return clock;
    }

    public Secrets secrets() {
        return secrets;
    }

    public SendportsConfig settings() {
        return settings;
    }
}
