package io.sendports.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.security.spi.runtime.AuthorizationController;

import io.sendports.SendportsConfig;

/**
 * Authorization as always, unless {@code sendports.security.benchmark-without-authentication} is set: then no
 * endpoint asks who the caller is, so no request is authenticated, and the benchmark of authentication's cost has a
 * baseline that differs from the real service in nothing else (docs/PERFORMANCE.md). Such a service must not be
 * reachable from another machine: it does not start unless {@code quarkus.http.host} is a loopback address.
 *
 * <p>A {@code @Singleton}, not a client proxy: Quarkus's security checks keep the controller they first met in a
 * static field, which must stay callable (the tests start several applications in one JVM).
 */
@Alternative
@Priority(1)
@Singleton
@Startup
public class BenchmarkAuthorization extends AuthorizationController {
    private static final Logger LOG = Logger.getLogger(BenchmarkAuthorization.class);

    private final boolean off;

    @Inject
    public BenchmarkAuthorization(SendportsConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.off = switchedOff(config.security().benchmarkWithoutAuthentication(), host);
        if (off) {
            LOG.errorf("AUTHENTICATION IS OFF (sendports.security.benchmark-without-authentication): every request on "
                    + "%s is served without credentials. For benchmarks only.", host);
        }
    }

    /** @throws IllegalStateException when asked for on a host that is not loopback: the service does not start */
    static boolean switchedOff(boolean requested, String host) {
        if (!requested) {
            return false;
        }
        if (!loopback(host)) {
            throw new IllegalStateException("sendports.security.benchmark-without-authentication is set, but "
                    + "quarkus.http.host is '" + host + "': without authentication the service listens only on a "
                    + "loopback address (127.0.0.1)");
        }
        return true;
    }

    static boolean loopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public boolean isAuthorizationEnabled() {
        return !off;
    }
}
