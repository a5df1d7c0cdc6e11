package io.sendports.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN.md §2: DNF filters over Kafka headers, numeric when both sides are numbers. */
class FilterTest {

    private static FilterStatement st(String property, String operator, String value) {
        return new FilterStatement(property, FilterOperator.parse(operator).orElseThrow(), value);
    }

    private static Function<String, String> headers(Map<String, String> headers) {
        return headers::get;
    }

    private static boolean holds(String header, String operator, String value) {
        return st("p", operator, value).holdsFor(header);
    }

    @Test
    void emptyFilterMatchesEverything() {
        assertTrue(Filter.NONE.isEmpty());
        assertTrue(Filter.NONE.matches(headers(Map.of())));
        assertTrue(Filter.NONE.matches(headers(Map.of("region", "eu"))));
        assertTrue(new Filter(List.of()).matches(name -> null));
    }

    @Test
    void allStatementsOfAGroupMustHold() {
        Filter filter = new Filter(List.of(List.of(st("region", "==", "eu"), st("priority", ">", "5"))));
        assertTrue(filter.matches(headers(Map.of("region", "eu", "priority", "6"))));
        assertFalse(filter.matches(headers(Map.of("region", "eu", "priority", "5"))));
        assertFalse(filter.matches(headers(Map.of("region", "us", "priority", "6"))));
        assertFalse(filter.matches(headers(Map.of("region", "eu"))));
        assertFalse(filter.matches(headers(Map.of())));
    }

    @Test
    void anyGroupMayHold() {
        Filter filter = new Filter(List.of(
                List.of(st("region", "==", "eu"), st("priority", ">", "5")),
                List.of(st("vip", "exists", null))));
        assertTrue(filter.matches(headers(Map.of("region", "eu", "priority", "9"))), "first group");
        assertTrue(filter.matches(headers(Map.of("vip", ""))), "second group");
        assertTrue(filter.matches(headers(Map.of("region", "us", "vip", "yes"))), "second group only");
        assertTrue(filter.matches(headers(Map.of("region", "eu", "priority", "9", "vip", "1"))), "both groups");
        assertFalse(filter.matches(headers(Map.of("region", "us", "priority", "9"))), "neither group");
        assertFalse(filter.matches(headers(Map.of())), "no headers");
    }

    @Test
    void filterCopiesItsGroups() {
        List<FilterStatement> group = new java.util.ArrayList<>(List.of(st("a", "==", "1")));
        List<List<FilterStatement>> groups = new java.util.ArrayList<>();
        groups.add(group);
        Filter filter = new Filter(groups);
        group.add(st("b", "==", "2"));
        groups.add(List.of(st("c", "exists", null)));
        assertEquals(1, filter.groups().size());
        assertEquals(1, filter.groups().get(0).size());
        assertThrows(UnsupportedOperationException.class, () -> filter.groups().add(List.of()));
    }

    @ParameterizedTest(name = "\"{0}\" {1} \"{2}\" is {3}")
    @CsvSource(delimiter = '|', value = {
            // equality, strings and numbers
            "eu   | ==     | eu   | true",
            "eu   | ==     | EU   | false",
            "eu   | !=     | us   | true",
            "eu   | !=     | eu   | false",
            "5    | ==     | 5.0  | true",
            "5    | !=     | 5.00 | false",
            "007  | ==     | 7    | true",
            // the four orderings on numbers
            "4    | <      | 5    | true",
            "5    | <      | 5    | false",
            "6    | <      | 5    | false",
            "4    | <=     | 5    | true",
            "5    | <=     | 5    | true",
            "6    | <=     | 5    | false",
            "6    | >      | 5    | true",
            "5    | >      | 5    | false",
            "4    | >      | 5    | false",
            "6    | >=     | 5    | true",
            "5    | >=     | 5    | true",
            "4    | >=     | 5    | false",
            // the four orderings on strings
            "abc  | <      | abd  | true",
            "abd  | <=     | abd  | true",
            "b    | >      | abc  | true",
            "abc  | >=     | abd  | false",
    })
    void operators(String header, String operator, String value, boolean expected) {
        assertEquals(expected, holds(header, operator, value));
    }

    @Test
    void existsHoldsForAnyPresentValueIncludingEmpty() {
        assertTrue(holds("x", "exists", null));
        assertTrue(holds("", "exists", null));
        assertFalse(holds(null, "exists", null));
    }

    @Test
    void numbersCompareNumericallyWhenBothSidesAreNumbers() {
        assertTrue(holds("10", ">", "9"), "10 > 9 as numbers");
        assertFalse(holds("10", "<", "9"), "not 10 < 9 as numbers");
        assertTrue(holds("9", "<", "10"));
        assertTrue(holds("100", ">=", "99.5"));
    }

    @Test
    void stringsCompareLexicallyWhenOneSideIsNotANumber() {
        assertTrue(holds("10a", "<", "9"), "\"10a\" < \"9\" as strings");
        assertFalse(holds("10a", ">", "9"));
        assertTrue(holds("9", ">", "10a"), "the value side may be the non-number too");
        assertFalse(holds("10", "==", "10a"));
        assertTrue(holds("10", "!=", "10a"));
        assertTrue(holds("1e3", "<", "2"), "exponent notation is a string, not 1000");
        assertTrue(holds("NaN", "==", "NaN"), "NaN is a string and equals itself");
    }

    @Test
    void decimalsAndNegatives() {
        assertTrue(holds("-1.5", "<", "2"));
        assertTrue(holds("-1.5", "<", "-1"));
        assertTrue(holds("-2", "<", "-1.5"), "as strings \"-2\" > \"-1.5\", as numbers it is less");
        assertTrue(holds("0.10", "==", "0.1"));
        assertTrue(holds("2.5", ">", "2.25"));
        assertTrue(holds("+3", "==", "3"));
        assertTrue(holds(".5", "<", "1"));
        assertTrue(holds(" 10 ", ">", "9"), "surrounding blanks do not stop a number");
    }

    @ParameterizedTest
    @EnumSource(FilterOperator.class)
    void anAbsentHeaderFailsEveryOperator(FilterOperator operator) {
        FilterStatement statement = new FilterStatement("missing", operator, operator.needsValue() ? "x" : null);
        assertFalse(statement.holdsFor(null), operator.symbol());
        Filter filter = new Filter(List.of(List.of(statement)));
        assertFalse(filter.matches(headers(Map.of("other", "x"))), operator.symbol());
    }

    @Test
    void notEqualsFailsOnAnAbsentHeader() {
        Filter filter = new Filter(List.of(List.of(st("region", "!=", "eu"))));
        assertFalse(filter.matches(headers(Map.of())));
        assertTrue(filter.matches(headers(Map.of("region", "us"))));
    }

    @Test
    void operatorsParseFromTheirSymbols() {
        assertEquals(7, FilterOperator.values().length);
        for (String symbol : List.of("==", "!=", "<", "<=", ">", ">=", "exists")) {
            FilterOperator operator = FilterOperator.parse(symbol).orElseThrow();
            assertEquals(symbol, operator.symbol());
        }
        assertTrue(FilterOperator.parse("=").isEmpty());
        assertTrue(FilterOperator.parse("like").isEmpty());
        assertTrue(FilterOperator.parse(null).isEmpty());
        assertFalse(FilterOperator.EXISTS.needsValue());
    }

    @Test
    void aStatementNeedsItsParts() {
        assertThrows(NullPointerException.class, () -> new FilterStatement(null, FilterOperator.EQ, "x"));
        assertThrows(NullPointerException.class, () -> new FilterStatement("p", null, "x"));
        assertThrows(NullPointerException.class, () -> new FilterStatement("p", FilterOperator.LT, null));
        new FilterStatement("p", FilterOperator.EXISTS, null);
    }
}
