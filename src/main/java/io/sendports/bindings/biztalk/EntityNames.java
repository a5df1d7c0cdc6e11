package io.sendports.bindings.biztalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.sendports.domain.Limits;
import io.sendports.domain.Names;

/**
 * The rule that turns a BizTalk port or group name into a Sendports one (docs/biztalk-mapping.md, "Names").
 * BizTalk allows spaces, {@code $(…)} deployment placeholders and any length; Sendports allows 1–100 of
 * {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit, unique ignoring case. The rule, applied to the names
 * of one kind (ports, or groups) in file order:
 * <ol>
 * <li>a name Sendports accepts is kept as it is, and is reserved before any other is mapped;</li>
 * <li>otherwise accents are dropped ({@code é} is {@code e}: Unicode NFD without its combining marks), then every
 * run of characters other than letters, digits, {@code .} and {@code _} that holds at least
 * one character Sendports refuses becomes one {@code -} (so {@code MQSeries - $(QM1)} is {@code MQSeries-QM1});
 * then characters other than letters and digits are cut from both ends; case is kept; an empty result is
 * {@code port} or {@code group};</li>
 * <li>a result over 100 characters is cut to 91 and given {@code -} and the first 8 hex digits of the SHA-256 of
 * the BizTalk name;</li>
 * <li>a result already taken (ignoring case) gets {@code -2}, {@code -3}, … (cutting the base to keep 100).</li>
 * </ol>
 * The result depends only on the file, so importing the same file twice gives the same names.
 */
final class EntityNames {
    private static final Pattern REFUSED_RUN = Pattern.compile("[^A-Za-z0-9._]*[^A-Za-z0-9._-][^A-Za-z0-9._]*");
    private static final Pattern EDGES = Pattern.compile("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$");
    private static final Pattern COMBINING = Pattern.compile("\\p{M}+");
    private static final int HASHED = 91;

    /** Names reserved or given, by {@link Names#key}. */
    private final Set<String> taken = new HashSet<>();
    /** Names given, by {@link Names#key}: a valid name given twice (a file listing an entity twice) is renamed. */
    private final Set<String> given = new HashSet<>();
    private final String fallback;

    /**
     * @param fallback the name of an entity whose name keeps nothing ({@code port} or {@code group})
     * @param names    every BizTalk name of that kind in the file: the valid ones are reserved first
     * @param alsoTaken Sendports names that must not be given (renamed ports, for groups)
     */
    EntityNames(String fallback, List<String> names, Set<String> alsoTaken) {
        this.fallback = fallback;
        for (String name : names) {
            if (Names.entityNameError(name) == null) {
                taken.add(Names.key(name));
            }
        }
        alsoTaken.forEach(name -> taken.add(Names.key(name)));
    }

    /** The Sendports name of a BizTalk name; call once per entity, in file order. */
    String map(String biztalkName) {
        if (Names.entityNameError(biztalkName) == null && given.add(Names.key(biztalkName))) {
            return biztalkName;
        }
        String name = Names.entityNameError(biztalkName) == null ? biztalkName : cleaned(biztalkName);
        String candidate = name;
        for (int n = 2; taken.contains(Names.key(candidate)); n++) {
            String suffix = "-" + n;
            String base = name.length() + suffix.length() > Limits.NAME
                    ? name.substring(0, Limits.NAME - suffix.length()) : name;
            candidate = base + suffix;
        }
        taken.add(Names.key(candidate));
        given.add(Names.key(candidate));
        return candidate;
    }

    /** Steps 2 and 3 of the rule. */
    private String cleaned(String biztalkName) {
        String plain = COMBINING.matcher(Normalizer.normalize(biztalkName, Normalizer.Form.NFD)).replaceAll("");
        String name = EDGES.matcher(REFUSED_RUN.matcher(plain).replaceAll("-")).replaceAll("");
        if (name.isEmpty()) {
            name = fallback;
        }
        if (name.length() > Limits.NAME) {
            name = EDGES.matcher(name.substring(0, HASHED)).replaceAll("") + "-" + digest(biztalkName);
        }
        return name;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
