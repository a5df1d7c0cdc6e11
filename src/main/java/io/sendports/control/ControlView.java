package io.sendports.control;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.sendports.domain.InvalidDefinitionException;
import io.sendports.domain.Names;
import io.sendports.domain.ReservedTopics;

/**
 * This instance's in-memory copy of desired state, built from the control topic alone. Every instance
 * that has read the same records holds the same view. Listeners are told of changes only after the
 * start-up catch-up, so they never act on a half-read history.
 */
@ApplicationScoped
public class ControlView implements ControlRecordListener {
    private static final Logger LOG = Logger.getLogger(ControlView.class);

    private final Map<String, PortRecord> ports = new ConcurrentHashMap<>();
    private final List<ViewListener> listeners = new CopyOnWriteArrayList<>();
    private final ReservedTopics reserved;
    private volatile boolean caughtUp;

    public ControlView(ReservedTopics reserved) {
        this.reserved = reserved;
    }

    public void addListener(ViewListener listener) {
        listeners.add(listener);
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** The port with this name, ignoring case. */
    public Optional<PortRecord> port(String name) {
        return Optional.ofNullable(ports.get(Names.key(name)));
    }

    public Collection<PortRecord> ports() {
        return List.copyOf(ports.values());
    }

    @Override
    public void onRecord(String key, byte[] value, long offset, long timestamp) {
        if (key == null) {
            LOG.warnf("Skipped control record at offset %d: it has no key", offset);
            return;
        }
        if (key.startsWith(ControlRecords.PORT_PREFIX)) {
            applyPort(key.substring(ControlRecords.PORT_PREFIX.length()), value, offset, timestamp);
        } else if (key.startsWith(ControlRecords.GROUP_PREFIX)) {
            LOG.warnf("Skipped control record at offset %d (%s): send port groups are not supported yet", offset, key);
        } else {
            LOG.warnf("Skipped control record at offset %d: unknown key '%s' (expected port/<name> or group/<name>)",
                    offset, key);
        }
    }

    private void applyPort(String name, byte[] value, long offset, long timestamp) {
        String nameError = Names.entityNameError(name);
        if (nameError != null) {
            LOG.warnf("Skipped control record at offset %d: port name '%s' %s", offset, name, nameError);
            return;
        }
        String key = Names.key(name);
        PortRecord previous = ports.get(key);
        if (value == null) {
            ports.remove(key);
        } else {
            try {
                PortRecord record = ControlRecords.readPort(name, value, previous, timestamp);
                // a record written by another tool is held to Sendports' topics as configured, like a REST request
                record = record.withPort(PortDocuments.reserving(record.port(), reserved));
                if (previous != null && !previous.name().equals(record.name())) {
                    LOG.warnf("Skipped control record at offset %d: port '%s' already exists as '%s'",
                            offset, name, previous.name());
                    return;
                }
                ports.put(key, record);
            } catch (ControlRecords.RejectedRecord | InvalidDefinitionException e) {
                LOG.warnf("Skipped control record at offset %d for port '%s': %s (value: %.500s)", offset, name,
                        e.getMessage(), new String(value, StandardCharsets.UTF_8));
                return;
            }
        }
        if (caughtUp) {
            listeners.forEach(listener -> listener.portChanged(name));
        }
    }

    @Override
    public void onCaughtUp() {
        caughtUp = true;
        listeners.forEach(ViewListener::caughtUp);
    }
}
