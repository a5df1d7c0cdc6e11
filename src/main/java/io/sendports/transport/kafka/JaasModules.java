package io.sendports.transport.kafka;

import java.io.IOException;
import java.io.StreamTokenizer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;

/**
 * The login modules a {@code sasl.jaas.config} text names, and whether the Kafka client may be given it. A login
 * module is a class the client instantiates and runs when it connects: {@code JndiLoginModule} looks up a JNDI name
 * of the text's choosing (CVE-2023-25194), {@code LdapLoginModule} connects to an LDAP server of its choosing
 * (CVE-2025-27818). Only Kafka's own three client modules are allowed, one per text (as Kafka requires), and the one
 * that goes with {@code sasl.mechanism}.
 *
 * <p>The text is read twice, and both readings must agree: by a tokenizer set up exactly as Kafka's
 * {@code JaasConfig} sets up its own (comments {@code //} and {@code /* *}{@code /}, quoted strings, a quoted module
 * name counting as a name), which finds every entry, and by Kafka's own parser ({@link JaasContext#loadClientContext}:
 * parsing only, no module is loaded), so that no trick of comments, quotes or whitespace makes the client see a
 * module this check did not. Refusals never repeat the text, which holds a password: they name a module only when
 * it is one of the well-known refused ones.
 */
final class JaasModules {
    static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
    static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
    static final String OAUTHBEARER = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    static final Set<String> ALLOWED = Set.of(PLAIN, SCRAM, OAUTHBEARER);
    /** Refused modules that a refusal may name: the JDK's, a fixed list, never anything else taken from the text. */
    private static final Set<String> WELL_KNOWN = Set.of("com.sun.security.auth.module.JndiLoginModule",
            "com.sun.security.auth.module.LdapLoginModule", "com.sun.security.auth.module.Krb5LoginModule",
            "com.sun.security.auth.module.KeyStoreLoginModule", "com.sun.security.auth.module.UnixLoginModule",
            "com.sun.security.auth.module.NTLoginModule");

    private JaasModules() {
    }

    /** The login module that goes with a {@code sasl.mechanism} (one of {@link KafkaClientProperties#MECHANISMS}). */
    static String moduleOf(String mechanism) {
        return switch (mechanism) {
            case "PLAIN" -> PLAIN;
            case "OAUTHBEARER" -> OAUTHBEARER;
            default -> SCRAM;
        };
    }

    /**
     * Why the client may not be given this JAAS text with this mechanism, in words that repeat none of the text;
     * null when it may.
     *
     * @param mechanism the {@code sasl.mechanism}, or null when it is not known here
     */
    static String refusal(String text, String mechanism) {
        List<String> modules = modules(text);
        if (modules == null) {
            return "is not JAAS configuration that Kafka reads (<login module> required <key>=\"<value>\" ...;)";
        }
        for (String module : modules) {
            if (!ALLOWED.contains(module)) {
                return "names " + (WELL_KNOWN.contains(module) ? module : "a login module") + " that is not allowed:"
                        + " only " + String.join(", ", List.of(PLAIN, SCRAM, OAUTHBEARER)) + " (exact spelling)";
            }
        }
        if (modules.size() != 1) {
            return "must hold exactly one login module entry, not " + modules.size();
        }
        List<String> kafkas = kafkaReading(text);
        if (!modules.equals(kafkas)) {
            return "is not JAAS configuration that Kafka reads as this one login module";
        }
        if (mechanism != null && !moduleOf(mechanism).equals(modules.get(0))) {
            return "names a login module that does not go with sasl.mechanism " + mechanism + ": "
                    + moduleOf(mechanism) + " does";
        }
        return null;
    }

    /** The module of every entry, in order, read as Kafka's tokenizer reads them; null when the text is not JAAS. */
    static List<String> modules(String text) {
        StreamTokenizer tokens = new StreamTokenizer(new StringReader(text));
        tokens.slashSlashComments(true);
        tokens.slashStarComments(true);
        tokens.wordChars('-', '-');
        tokens.wordChars('_', '_');
        tokens.wordChars('$', '$');
        List<String> modules = new ArrayList<>();
        try {
            while (tokens.nextToken() != StreamTokenizer.TT_EOF) {
                // Kafka takes the token's text as the module, be it a word or a quoted string
                if (!isText(tokens) || tokens.sval.isEmpty()) {
                    return null;
                }
                modules.add(tokens.sval);
                if (tokens.nextToken() != StreamTokenizer.TT_WORD) {
                    return null;
                }
                if (!options(tokens)) {
                    return null;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return modules;
    }

    /** Reads {@code key=value} pairs up to the entry's {@code ;}. */
    private static boolean options(StreamTokenizer tokens) throws IOException {
        while (true) {
            int token = tokens.nextToken();
            if (token == ';') {
                return true;
            }
            if (token != StreamTokenizer.TT_WORD || tokens.nextToken() != '=') {
                return false;
            }
            tokens.nextToken();
            if (!isText(tokens)) {
                return false;
            }
        }
    }

    private static boolean isText(StreamTokenizer tokens) {
        return (tokens.ttype == StreamTokenizer.TT_WORD || tokens.ttype == '"' || tokens.ttype == '\'')
                && tokens.sval != null;
    }

    /** The modules as Kafka's client reads them (exactly one, or it refuses); null when it refuses the text. */
    private static List<String> kafkaReading(String text) {
        try {
            JaasContext context = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG,
                    new Password(text)));
            return context.configurationEntries().stream().map(AppConfigurationEntry::getLoginModuleName).toList();
        } catch (RuntimeException e) {
            // its message may quote the text
            return null;
        }
    }
}
