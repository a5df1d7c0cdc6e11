package io.sendports.transport.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;

/** Files are written by Sendports' own {@link FileWriterComponent}, registered here. */
@ApplicationScoped
public class FileComponents {

    void configure(@Observes AfterConfigure event, CamelContext context) {
        context.addComponent(FileWriterComponent.SCHEME, new FileWriterComponent());
    }
}
