package org.mailconsole.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailconsole.console.diagnostics.OutboxFacts;

/** The picture's geometry: stacked bars inside the plot, a round axis top, the numbers as text. */
class LastDayChartTest {
    static List<OutboxFacts.Hour> day(long sentInLastHour, long deferred, long failed) {
        List<OutboxFacts.Hour> hours = new ArrayList<>();
        Instant first = Instant.parse("2026-12-06T02:00:00Z");
        for (int i = 0; i < 24; i++) {
            hours.add(new OutboxFacts.Hour(first.plus(Duration.ofHours(i)), i == 23 ? sentInLastHour : 0,
                    i == 23 ? deferred : 0, i == 22 ? failed : 0));
        }
        return hours;
    }

    @Test
    void theAxisTopIsARoundNumber() {
        assertEquals(1, LastDayChart.scaleTop(0));
        assertEquals(1, LastDayChart.scaleTop(1));
        assertEquals(5, LastDayChart.scaleTop(3));
        assertEquals(50, LastDayChart.scaleTop(41));
        assertEquals(1000, LastDayChart.scaleTop(501));
    }

    @Test
    @SuppressWarnings("unchecked")
    void barsStackWithinThePlotAndTheNumbersAreText() {
        Map<String, Object> m = LastDayChart.model(day(30, 10, 5));
        List<Map<String, String>> bars = (List<Map<String, String>>) m.get("bars");
        assertEquals(3, bars.size(), "one segment per series with a count");
        double bottom = LastDayChart.HEIGHT - LastDayChart.BOTTOM;
        for (Map<String, String> bar : bars) {
            double y = Double.parseDouble(bar.get("y"));
            double height = Double.parseDouble(bar.get("height"));
            assertTrue(y >= LastDayChart.TOP - 0.1 && y + height <= bottom + 0.1, bar.toString());
            double x = Double.parseDouble(bar.get("x"));
            assertTrue(x >= LastDayChart.LEFT && x <= LastDayChart.WIDTH - LastDayChart.RIGHT, bar.toString());
        }
        Map<String, String> sent = bars.get(1);
        Map<String, String> deferred = bars.get(2);
        assertEquals("sent", sent.get("series"));
        assertEquals(Double.parseDouble(sent.get("y")),
                Double.parseDouble(deferred.get("y")) + Double.parseDouble(deferred.get("height")), 0.11, "stacked");
        assertEquals("01:00 UTC: 30 sent", sent.get("label"));
        assertEquals("In the last 24 hours: 30 sent, 10 deferred, 5 failed. Busiest hour: 7 Dec 01:00 UTC, with 40.",
                m.get("summary"));
        assertEquals(24, ((List<?>) m.get("rows")).size());
    }

    @Test
    void aQuietDaySaysSo() {
        Map<String, Object> m = LastDayChart.model(day(0, 0, 0));
        assertEquals(List.of(), m.get("bars"));
        assertEquals("Nothing was sent, deferred or failed in the last 24 hours.", m.get("summary"));
    }
}
