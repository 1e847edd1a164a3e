package org.mailconsole.web.pages;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mailconsole.console.diagnostics.OutboxFacts;

/**
 * The template model of Diagnostics' picture of the last day: Sent, Deferred and Failed per hour as
 * stacked bars in an SVG drawn on the server (no script), in a view box the page scales to its width,
 * so it reads at 400 px as at 1400; and the same numbers as text (a summary and a table) for screen
 * readers. Geometry only: colours are console.css's.
 */
final class LastDayChart {
    static final int WIDTH = 480;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int RIGHT = 6;
    static final int TOP = 12;
    static final int BOTTOM = 28;
    /** An hour's label under its bar every this many hours (more would crowd a narrow screen). */
    static final int LABEL_EVERY = 6;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private LastDayChart() {
    }

    static Map<String, Object> model(List<OutboxFacts.Hour> hours) {
        Map<String, Object> m = new HashMap<>();
        m.put("width", WIDTH);
        m.put("height", HEIGHT);
        long top = scaleTop(hours.stream().mapToLong(LastDayChart::total).max().orElse(0));
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = hours.isEmpty() ? 0 : (WIDTH - LEFT - RIGHT) / (double) hours.size();
        double barWidth = slot * 2 / 3;
        List<Map<String, String>> bars = new ArrayList<>();
        List<Map<String, String>> labels = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        long sent = 0;
        long deferred = 0;
        long failed = 0;
        OutboxFacts.Hour busiest = null;
        for (int i = 0; i < hours.size(); i++) {
            OutboxFacts.Hour hour = hours.get(i);
            double x = LEFT + i * slot + (slot - barWidth) / 2;
            double base = TOP + plotHeight;
            String at = HOUR.format(hour.start());
            for (Object[] part : new Object[][] {{"sent", hour.sent()}, {"deferred", hour.deferred()},
                    {"failed", hour.failed()}}) {
                long count = (Long) part[1];
                if (count == 0) {
                    continue;
                }
                double height = plotHeight * count / top;
                base -= height;
                bars.add(Map.of("series", (String) part[0], "x", number(x), "y", number(base), "width", number(barWidth),
                        "height", number(height), "label", at + " UTC: " + count + " " + part[0]));
            }
            if (i == hours.size() - 1) {
                // the current hour's label ends at the plot's edge, so a narrow screen does not cut it
                labels.add(Map.of("x", number(WIDTH - RIGHT), "text", at, "anchor", "end"));
            } else if (i % LABEL_EVERY == 0) {
                labels.add(Map.of("x", number(x + barWidth / 2), "text", at, "anchor", "middle"));
            }
            rows.add(Map.of("hour", DAY_HOUR.format(hour.start()) + " UTC", "sent", String.valueOf(hour.sent()),
                    "deferred", String.valueOf(hour.deferred()), "failed", String.valueOf(hour.failed())));
            sent += hour.sent();
            deferred += hour.deferred();
            failed += hour.failed();
            if (total(hour) > 0 && (busiest == null || total(hour) > total(busiest))) {
                busiest = hour;
            }
        }
        m.put("bars", bars);
        m.put("hourLabels", labels);
        m.put("rows", rows);
        m.put("gridLines", List.of(grid(0, top, plotHeight), grid(top / 2.0, top, plotHeight), grid(top, top, plotHeight)));
        m.put("plotLeft", LEFT);
        m.put("plotRight", WIDTH - RIGHT);
        m.put("labelY", HEIGHT - 8);
        m.put("summary", busiest == null ? "Nothing was sent, deferred or failed in the last 24 hours."
                : "In the last 24 hours: " + sent + " sent, " + deferred + " deferred, " + failed + " failed. "
                + "Busiest hour: " + DAY_HOUR.format(busiest.start()) + " UTC, with " + total(busiest) + ".");
        return m;
    }

    private static long total(OutboxFacts.Hour hour) {
        return hour.sent() + hour.deferred() + hour.failed();
    }

    /** A round number at or above {@code max} (1, 2 or 5 times a power of ten), so the axis reads easily. */
    static long scaleTop(long max) {
        long power = 1;
        while (true) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * power >= max && step * power > 0) {
                    return step * power;
                }
            }
            power *= 10;
        }
    }

    private static Map<String, String> grid(double value, long top, double plotHeight) {
        double y = TOP + plotHeight - plotHeight * value / top;
        return Map.of("y", number(y), "textY", number(y + 4), "text", value == Math.rint(value)
                ? String.valueOf((long) value) : String.valueOf(value));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
