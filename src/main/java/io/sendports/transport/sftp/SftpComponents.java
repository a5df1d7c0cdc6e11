package io.sendports.transport.sftp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.CamelContext;
import org.apache.camel.quarkus.main.events.AfterConfigure;

import io.sendports.transport.DeliveryContext;

/**
 * Registers the sftp transport's {@link SftpWriterComponent} with the secret resolver and the operator's per-host
 * credentials ({@link SftpSettings}), checked here: a wrong setting stops the start with a message that names it and
 * never repeats its value.
 */
@ApplicationScoped
public class SftpComponents {

    void configure(@Observes AfterConfigure event, CamelContext context, DeliveryContext delivery,
            SftpSettings settings) {
        SftpHosts hosts = SftpHosts.of(settings, delivery.secrets().allowedPaths());
        context.addComponent(SftpWriterComponent.SCHEME, new SftpWriterComponent(delivery.secrets(), hosts));
    }
}
