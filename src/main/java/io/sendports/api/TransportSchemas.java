package io.sendports.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.sendports.transport.Transport;
import io.sendports.transport.TransportRegistry;

/**
 * Writes the build's transports into the OpenAPI document (registered as {@code mp.openapi.filter}): the
 * {@code type} of a transport and of a backup transport is one of the registry's, and the descriptions list each
 * transport's address scheme and options. Annotations could only repeat a list that a new transport would have to
 * edit; here it comes from the one registry.
 */
public class TransportSchemas implements OASFilter {
    static final List<String> SCHEMAS = List.of("TransportDocument", "BackupDocument");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
        List<Object> types = new ArrayList<>(TransportRegistry.catalog().types());
        StringBuilder addresses = new StringBuilder("A URI of the transport's scheme:");
        StringBuilder options = new StringBuilder("The transport's options:");
        for (Transport transport : TransportRegistry.transports()) {
            addresses.append(' ').append(transport.type()).append(' ').append(transport.patternForm()).append(';');
            options.append(' ').append(transport.type()).append(' ')
                    .append(transport.options().isEmpty() ? "none" : String.join(", ",
                            transport.options().stream().sorted().toList())).append(';');
        }
        for (String name : SCHEMAS) {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            Schema type = schema.getProperties().get("type");
            if (type != null) {
                type.setEnumeration(types);
            }
            Schema address = schema.getProperties().get("address");
            if (address != null) {
                address.setDescription(addresses.substring(0, addresses.length() - 1));
            }
            Schema option = schema.getProperties().get("options");
            if (option != null) {
                option.setDescription(options.substring(0, options.length() - 1));
            }
        }
    }
}
