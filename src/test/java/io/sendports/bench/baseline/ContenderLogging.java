package io.sendports.bench.baseline;

import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Logging of a contender process started on the test class path. Kafka's clients and Connect log through
 * slf4j to JBoss LogManager there, whose Quarkus start-up configurator holds every record back until a Quarkus
 * application configures it, which never happens here: a console handler makes the records reach the log file.
 */
public final class ContenderLogging {
    private ContenderLogging() {
    }

    public static void toConsole() {
        var root = LogContext.getLogContext().getLogger("");
        root.addHandler(new ConsoleHandler(new PatternFormatter("%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n")));
        root.setLevel(Level.INFO);
    }
}
