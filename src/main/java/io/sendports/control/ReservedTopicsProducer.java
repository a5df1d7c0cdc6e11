package io.sendports.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.sendports.SendportsConfig;
import io.sendports.domain.ReservedTopics;

/** Sendports' own topics as configured ({@code sendports.topics.*}), as the domain's {@link ReservedTopics}. */
@ApplicationScoped
public class ReservedTopicsProducer {

    @Produces
    @Singleton
    ReservedTopics reservedTopics(SendportsConfig config) {
        SendportsConfig.Topics topics = config.topics();
        return ReservedTopics.of(List.of(topics.control(), topics.suspended(), topics.retry()));
    }
}
