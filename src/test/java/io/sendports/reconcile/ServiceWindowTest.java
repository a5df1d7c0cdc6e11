package io.sendports.reconcile;

import static io.sendports.testsupport.Api.action;
import static io.sendports.testsupport.Api.create;
import static io.sendports.testsupport.Api.get;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sendports.testsupport.HttpReceiver;
import io.sendports.testsupport.KafkaTestResource;
import io.sendports.testsupport.MutableClock;
import io.sendports.testsupport.TestKafka;

/** A port with a service window delivers only inside it; messages wait outside. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class ServiceWindowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @AfterEach
    void resetClock() {
        MutableClock.get().reset();
    }

    @Test
    void closedWindowHoldsMessagesOpenWindowDeliversThem() {
        MutableClock clock = MutableClock.get();
        Instant night = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(3, 0).toInstant(ZoneOffset.UTC);
        clock.setTo(night);
        try (HttpReceiver receiver = new HttpReceiver()) {
            String topic = TestKafka.uniqueTopic("window");
            create("{\"name\":\"windowed\",\"kind\":\"static\",\"pattern\":\"one-way\",\"subscription\":{\"topics\":[\""
                    + topic + "\"]},\"transport\":{\"type\":\"http\",\"address\":\"" + receiver.url("/in") + "\"},"
                    + "\"serviceWindow\":{\"from\":\"22:00\",\"to\":\"06:00\",\"zone\":\"Europe/Paris\"}}").statusCode(201);
            // 03:00 UTC is 04:00 in Paris: inside 22:00-06:00, a window that crosses midnight.
            action("windowed", "start").statusCode(200).body("status.serviceWindowOpen", equalTo(true))
                    .body("status.running", equalTo(true));
            TestKafka.publish(topic, "k", "night", Map.of());
            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("night")));

            clock.setTo(night.plus(Duration.ofHours(6)));   // 10:00 in Paris: closed
            await().atMost(WAIT).untilAsserted(() -> get("windowed").body("status.running", equalTo(false))
                    .body("status.serviceWindowOpen", equalTo(false)).body("state", equalTo("started")));
            TestKafka.publish(topic, "k", "day", Map.of());
            await().atMost(WAIT).untilAsserted(() -> get("windowed").body("status.lag", equalTo(1)));
            assertEquals(List.of("night"), receiver.bodies());

            clock.setTo(night.plus(Duration.ofHours(20)));  // 00:00 in Paris: open again
            await().atMost(WAIT).until(() -> receiver.bodies().equals(List.of("night", "day")));
            get("windowed").body("status.running", equalTo(true));
            action("windowed", "unenlist").statusCode(200);
        }
    }
}
