package io.sendports.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

import jakarta.enterprise.inject.Instance;

import org.junit.jupiter.api.Test;

import io.sendports.SendportsConfig;
import io.sendports.domain.LifecycleAction;
import io.sendports.domain.PortState;
import io.sendports.domain.SendPort;

/**
 * The herder against a writer it does not see coming: a control topic where another instance's record
 * lands just before this one's, as happens when two instances change one port at the same moment. No
 * broker: the store hands every record straight to the view, in log order.
 */
class HerderTest {
    private final ControlView view = new ControlView(io.sendports.domain.ReservedTopics.DEFAULT);
    /** Records another writer gets into the log just before the herder's next one. */
    private final Deque<Runnable> racers = new ArrayDeque<>();
    private final List<String> log = new ArrayList<>();
    private long offset;
    private final Herder herder = new Herder(new ControlTopicStore(null, null, config()) {
        @Override
        public boolean caughtUp() {
            return true;
        }

        @Override
        public long append(String key, byte[] value, Duration timeout) {
            Runnable racer = racers.poll();
            if (racer != null) {
                racer.run();
            }
            return write(key, value);
        }

        @Override
        public long appendCompactionTombstone(String key, Duration timeout) {
            Runnable racer = racers.poll();
            if (racer != null) {
                racer.run();
            }
            log.add("compaction tombstone");
            view.onCompactionTombstone(key, ++offset);
            return offset;
        }
    }, view, noRealizer(), port -> new Leftovers.Counts(0, 0), config());

    HerderTest() {
        view.onCaughtUp();
    }

    @Test
    void aChangeWithoutIfMatchThatLostTheRaceIs409AndTheWinnerStays() {
        herder.create(port("one"), PortState.UNENLISTED, "api");
        racers.add(() -> otherInstance("port.updated", 1, "other instance"));

        assertThrows(ConcurrentChangeException.class, () -> herder.update(port("mine"), "api"));
        PortRecord now = herder.port("p");
        assertEquals("other instance", now.port().description());
        assertEquals(2, now.revision());
    }

    @Test
    void aChangeWithIfMatchThatLostTheRaceIs412() {
        herder.create(port("one"), PortState.UNENLISTED, "api");
        racers.add(() -> otherInstance("port.updated", 1, "other instance"));

        assertThrows(PreconditionFailedException.class, () -> herder.update(port("mine"), "api", OptionalLong.of(1)));
        assertThrows(PreconditionFailedException.class,
                () -> herder.lifecycle("p", LifecycleAction.ENLIST, "api", OptionalLong.of(1)));
        assertEquals(PortState.UNENLISTED, herder.port("p").state());
    }

    @Test
    void sendportsOwnStopIsAppliedOnTheNewRevisionWhenAnotherChangeWins() {
        herder.create(port("one"), PortState.STARTED, "api");
        racers.add(() -> otherInstance("port.updated", 1, "edited during the failure", "started"));
        racers.add(() -> otherInstance("port.updated", 2, "edited again", "started"));

        PortRecord stopped = herder.lifecycle("p", LifecycleAction.STOP, "sendports", "message failed");

        assertEquals(PortState.STOPPED, stopped.state());
        assertEquals("message failed", stopped.reason());
        assertEquals("edited again", stopped.port().description(), "the winners' changes are kept too");
        assertEquals(4, stopped.revision());
    }

    @Test
    void aDeleteCheckedAtAnOlderRevisionDeletesNothing() {
        herder.create(port("one"), PortState.UNENLISTED, "api");
        racers.add(() -> otherInstance("port.started", 1, "one"));

        assertThrows(ConcurrentChangeException.class, () -> herder.delete("p", "api"));
        assertEquals(PortState.STARTED, herder.port("p").state());
    }

    @Test
    void aPortCreatedAgainBeforeTheCompactionTombstoneIsWrittenOnceMore() {
        herder.create(port("one"), PortState.UNENLISTED, "api");
        racers.add(() -> { });
        racers.add(() -> otherInstance("port.created", 0, "created again"));

        herder.delete("p", "api");

        assertEquals("created again", herder.port("p").port().description());
        assertEquals(List.of("port.created", "port.deleted", "port.created", "compaction tombstone", "port.rewritten"),
                log, "the port's record follows the tombstone, so compaction keeps it");
    }

    private void otherInstance(String type, long base, String description) {
        otherInstance(type, base, description, type.equals("port.started") ? "started" : "unenlisted");
    }

    private void otherInstance(String type, long base, String description, String state) {
        write("port/p", ("{\"type\":\"" + type + "\",\"baseRevision\":" + base + ",\"actor\":\"other\",\"state\":\""
                + state + "\",\"definition\":" + new String(definition(description), StandardCharsets.UTF_8) + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private long write(String key, byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        log.add(text.replaceAll("(?s)^\\{\"type\":\"([^\"]*)\".*", "$1"));
        view.onRecord(key, value, ++offset, 0);
        return offset;
    }

    private static byte[] definition(String description) {
        return ("{\"name\":\"p\",\"description\":\"" + description + "\",\"kind\":\"static\",\"pattern\":\"one-way\","
                + "\"subscription\":{\"topics\":[\"in\"]},\"transport\":{\"type\":\"kafka\",\"address\":\"kafka:out\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static SendPort port(String description) {
        try {
            return PortDocuments.define(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readValue(definition(description), PortDocument.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SendportsConfig config() {
        SendportsConfig.Topics topics = proxy(SendportsConfig.Topics.class, "control", "sendports.control");
        return proxy(SendportsConfig.class, "applyTimeout", Duration.ofSeconds(5), "topics", topics);
    }

    @SuppressWarnings("unchecked")
    private static Instance<Realizer> noRealizer() {
        return proxy(Instance.class, "isResolvable", false);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object... answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            for (int i = 0; i < answers.length; i += 2) {
                if (answers[i].equals(method.getName())) {
                    return answers[i + 1];
                }
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
