package io.sendports.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/** Starts reading the control topic into the view once the application is up. */
@ApplicationScoped
public class ControlPlane {

    void start(@Observes StartupEvent event, ControlTopicStore store, ControlView view) {
        store.start(view);
    }
}
