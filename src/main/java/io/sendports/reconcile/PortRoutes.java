package io.sendports.reconcile;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.TemplatedRouteBuilder;

import io.sendports.camel.DeliveryMetrics;
import io.sendports.camel.Endpoints;
import io.sendports.camel.PortPipeline;
import io.sendports.camel.PortPipelines;
import io.sendports.camel.StaticOneWayTemplate;
import io.sendports.domain.SendPort;

/** The Camel routes of ports: one per started port, its route id the port's name. */
@ApplicationScoped
public class PortRoutes {
    static final long STOP_TIMEOUT_SECONDS = 30;

    private final CamelContext context;
    private final DeliveryMetrics metrics;
    private final PortPipelines pipelines;
    private final Clock clock = Clock.systemUTC();

    public PortRoutes(CamelContext context, DeliveryMetrics metrics, PortPipelines pipelines) {
        this.context = context;
        this.metrics = metrics;
        this.pipelines = pipelines;
    }

    /** Adds and starts the route of a port. */
    public void start(SendPort port) {
        pipelines.register(port.name(), new PortPipeline(port, metrics.forPort(port.name()), clock));
        TemplatedRouteBuilder.builder(context, StaticOneWayTemplate.ID)
                .routeId(port.name())
                .parameter("topics", String.join(",", port.subscription().topics()))
                .parameter("consumerOptions", Endpoints.consumerOptions(port))
                .parameter("destination", Endpoints.destination(port.destination()))
                .add();
        try {
            context.getRouteController().startRoute(port.name());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the route of port " + port.name() + ": " + e.getMessage(), e);
        }
    }

    /** Stops a port's route gracefully (in-flight deliveries finish, their offsets are committed), then removes it. */
    public void stop(String name) {
        Route route = context.getRoute(name);
        if (route == null) {
            return;
        }
        try {
            context.getRouteController().stopRoute(name, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            context.removeRoute(name);
            pipelines.unregister(name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the route of port " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String name) {
        return context.getRoute(name) != null;
    }

    public boolean running(String name) {
        return context.getRouteController().getRouteStatus(name) == ServiceStatus.Started;
    }
}
