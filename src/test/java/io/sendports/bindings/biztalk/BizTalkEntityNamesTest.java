package io.sendports.bindings.biztalk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.sendports.domain.Names;

/** The name rule of docs/biztalk-mapping.md ("Names"), one step at a time. */
class BizTalkEntityNamesTest {

    private static List<String> mapped(List<String> biztalk) {
        EntityNames names = new EntityNames("port", biztalk, Set.of());
        List<String> result = biztalk.stream().map(names::map).toList();
        result.forEach(name -> assertNull(Names.entityNameError(name), name));
        return result;
    }

    @Test
    void validNamesAreKept() {
        assertEquals(List.of("INT0009.Sesam.Send_KatalogEvent", "a-b_c.d"),
                mapped(List.of("INT0009.Sesam.Send_KatalogEvent", "a-b_c.d")));
    }

    @Test
    void runsOfRefusedCharactersBecomeOneHyphenAndEdgesAreCut() {
        assertEquals(List.of("MQSeries-QueueManager1", "Send-Orders-Europe", "x.y", "port", "rders-2026",
                "Cafe-Creme"), mapped(List.of("MQSeries - $(QueueManager1)", "  Send Orders (Europe) ", "$(x.y)", "$()",
                "Ørders 2026", "Café Crème")));
    }

    @Test
    void aValidNameIsReservedBeforeARenamedOneTakesIt() {
        assertEquals(List.of("a-b-2", "a-b", "A-B-3"), mapped(List.of("a b", "a-b", "A-B")),
                "names are unique ignoring case; the third is a valid name given twice (ignoring case)");
    }

    @Test
    void longNamesAreCutAndHashed() {
        String longName = "x".repeat(150);
        List<String> result = mapped(List.of(longName, "y".repeat(101)));
        assertEquals(100, result.get(0).length());
        assertTrue(result.get(0).matches("x{91}-[0-9a-f]{8}"), result.get(0));
        assertEquals(mapped(List.of(longName)).get(0), result.get(0), "deterministic");
        String suffixed = mapped(List.of("a b".repeat(40), "a$b".repeat(40))).get(1);
        assertEquals(100, suffixed.length(), suffixed);
    }

    @Test
    void aGroupNeverTakesTheNameOfARenamedPort() {
        EntityNames groups = new EntityNames("group", List.of("Fan Out"), Set.of("Fan-Out"));
        assertEquals("Fan-Out-2", groups.map("Fan Out"));
        assertEquals("group", new EntityNames("group", List.of(), Set.of()).map("$( )"));
    }
}
