package io.sendports;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code sendports.*} setting, with the defaults of API.md. */
@ConfigMapping(prefix = "sendports")
public interface SendportsConfig {

    EmbeddedBroker embeddedBroker();

    Topics topics();

    Delivery delivery();

    SecretSettings secrets();

    Security security();

    TransportSettings transport();

    /** How long a REST write waits for this instance's reconciler to realize it before answering anyway. */
    @WithDefault("PT30S")
    Duration applyTimeout();

    /**
     * How often the broker-derived part of every enlisted port's status (its lag and the age of its oldest
     * waiting message) is measured, in one batched pass; reads of a status never call the broker, so this is
     * how stale a lag may be. A port the reconciler acted on is measured again soon after, off its thread.
     */
    @WithDefault("PT10S")
    Duration statusRefresh();

    interface EmbeddedBroker {
        /** Client port of the embedded broker, used when {@code kafka.bootstrap.servers} is not set. */
        @WithDefault("9092")
        int port();

        /** KRaft controller port of the embedded broker. */
        @WithDefault("9093")
        int controllerPort();

        /** Where the embedded broker keeps its data; survives restarts. */
        @WithDefault("./data/kafka")
        Path dataDir();
    }

    interface Delivery {
        /**
         * Deliveries one port may have in flight at once on one instance. Ordered ports and static Kafka
         * ports have at most one per partition; a static file port at most 4, one in append mode.
         */
        @WithDefault("32")
        int maxInFlight();

        /**
         * Kafka consumers one started port runs on one instance, at most: one per subscribed partition up to
         * this many. The in-flight limit is shared among them.
         */
        @WithDefault("4")
        int consumers();

        /**
         * Deliveries a static file port (not in append mode) has in flight at once on one instance, at most; each
         * writes its files (up to 64 for an unordered port) one after the other. Creating and renaming files in
         * one directory is serialized by the file system, so more writers mostly queue.
         */
        @WithDefault("4")
        int fileWriters();

        /**
         * How long a started port's retry worker stays in the retry topic's consumer group with nothing to
         * retry; it then leaves and joins again when this instance parks a message of the port (at least 1 s).
         */
        @WithDefault("PT30S")
        Duration retryIdle();
    }

    interface SecretSettings {
        /**
         * The directories {@code ${file:...}} secret references may read from (comma-separated). Unset: none,
         * so only {@code ${env:...}} references resolve until an operator names the directories that hold
         * secrets (DESIGN.md §7, docs/SECRETS.md).
         */
        Optional<List<Path>> allowedPaths();
    }

    interface TransportSettings {
        /** The kafka transport's settings ({@code sendports.transport.kafka.*}). */
        KafkaTransportSettings kafka();
    }

    interface KafkaTransportSettings {
        /**
         * The OAuth URLs ({@code sasl.oauthbearer.token.endpoint.url}, {@code sasl.oauthbearer.jwks.endpoint.url}) that
         * a kafka destination on another cluster may name, each written exactly as the destination writes it
         * (comma-separated). Unset: none, so every OAuth URL is refused (CVE-2025-27817: the client fetches it).
         * Kafka's own clients also need the JVM's {@code org.apache.kafka.sasl.oauthbearer.allowed.urls}
         * (docs/CONFIGURATION.md).
         */
        Optional<List<String>> oauthAllowedUrls();
    }

    interface Security {
        /** The embedded users: one {@code <name>=<role>:<bcrypt hash>} per line (docs/SECURITY.md). */
        @WithDefault("./data/users.properties")
        Path usersFile();

        /**
         * The first admin's password, used only when the users file holds no user (environment variable
         * {@code SENDPORTS_ADMIN_PASSWORD}); unset, a generated one is written to {@link #initialPasswordFile()}.
         */
        Optional<String> adminPassword();

        /** Where the first start writes the generated password of {@code admin} (mode 0600). */
        @WithDefault("./data/initial-admin-password")
        Path initialPasswordFile();

        /** JWT bearer tokens from an identity provider (docs/SECURITY.md). */
        Jwt jwt();

        /**
         * An identity provider's group (a token's {@code groups} claim) to the Sendports role it gives:
         * {@code sendports.security.role-mapping."<group>"=admin|operator|viewer}. A group without a mapping gives
         * no role.
         */
        Map<String, String> roleMapping();

        /**
         * Benchmarks only: no request is authenticated or authorized, so that a benchmark can measure what
         * authentication costs against the same service without it. The service refuses to start with it unless its
         * HTTP server listens on the loopback address alone, and says so in its log at {@code ERROR}.
         */
        @WithDefault("false")
        boolean benchmarkWithoutAuthentication();
    }

    interface Jwt {
        /**
         * Whether bearer tokens are accepted; off by default. The token's signature, issuer and audience are
         * checked by the {@code mp.jwt.verify.*} settings.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Topics {
        /** The control topic: management events, the source of truth. */
        @WithDefault("sendports.control")
        String control();

        /** Suspended messages, keyed by message id. */
        @WithDefault("sendports.suspended")
        String suspended();

        /** Messages parked until their next retry is due. */
        @WithDefault("sendports.retry")
        String retry();
    }
}
