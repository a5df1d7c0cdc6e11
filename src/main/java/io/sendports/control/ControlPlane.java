package io.sendports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * Starts reading the control topic into the view once the application is up. A control topic that cannot be
 * used (more than one partition) ends the service with exit code 1, as Kafka Connect refuses to start on a
 * config topic with more than one partition: serving would apply a port's changes out of order.
 */
@ApplicationScoped
public class ControlPlane {
    /** The exit code of a service that refused to start on its control topic. */
    static final int UNUSABLE_CONTROL_TOPIC = 1;

    void start(@Observes StartupEvent event, ControlTopicStore store, ControlView view) {
        store.start(view, unusable -> Quarkus.asyncExit(UNUSABLE_CONTROL_TOPIC));
    }
}
