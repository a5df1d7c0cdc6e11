package io.sendports.transport.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.vertx.core.Vertx;

/** Registers the http transport's {@link HttpClientComponent} on the service's own Vert.x instance. */
@ApplicationScoped
public class HttpComponents {

    void configure(@Observes AfterConfigure event, CamelContext context, Vertx vertx) {
        context.addComponent(HttpClientComponent.SCHEME, new HttpClientComponent(vertx));
    }
}
