package org.mailconsole.testing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus text exposition format (version 0.0.4) checked line by line against its grammar:
 * {@code # HELP name text}, {@code # TYPE name type}, other comments, blank lines, and samples
 * {@code name{label="value",...} value [timestamp]}; every sample belongs to a family whose TYPE came
 * before it. {@link #parse} throws an {@link AssertionError} naming the first line that does not fit.
 */
public final class PrometheusText {
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
    static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    static final String LABEL = LABEL_NAME + "=" + LABEL_VALUE;
    static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN)";
    static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ")(?: (?:[^\\\\\\n]|\\\\[\\\\n])*)?");
    static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{((?:" + LABEL + ")(?:," + LABEL + ")*,?)?\\})? ("
            + VALUE + ")(?: (-?\\d+))?");
    static final Pattern ONE_LABEL = Pattern.compile("(" + LABEL_NAME + ")=(" + LABEL_VALUE + ")");
    static final List<String> SUFFIXES = List.of("_total", "_bucket", "_sum", "_count", "_created", "_max");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Set<String> typed = new HashSet<>();
        Set<String> seenTypes = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": [" + line + "]";
            if (line.isEmpty()) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                if (!seenTypes.add(type.group(1))) {
                    throw new AssertionError("a second TYPE for one family, " + where);
                }
                typed.add(type.group(1));
                continue;
            }
            if (HELP.matcher(line).matches()) {
                continue;
            }
            if (line.startsWith("# TYPE") || line.startsWith("# HELP")) {
                throw new AssertionError("not the exposition format, " + where);
            }
            if (line.startsWith("#")) {
                continue; // any other comment
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                throw new AssertionError("not the exposition format, " + where);
            }
            String name = sample.group(1);
            if (!typed.contains(name) && SUFFIXES.stream().noneMatch(s -> name.endsWith(s)
                    && typed.contains(name.substring(0, name.length() - s.length())))) {
                throw new AssertionError("a sample before its family's TYPE, " + where);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = ONE_LABEL.matcher(sample.group(2));
                while (label.find()) {
                    String quoted = label.group(2);
                    labels.put(label.group(1), quoted.substring(1, quoted.length() - 1)
                            .replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            samples.add(new Sample(name, labels, Double.parseDouble(sample.group(3).replace("Inf", "Infinity"))));
        }
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the last line does not end with a line feed");
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The names of every sample (with their suffixes). */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when none. */
    public double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether a sample of {@code name} with these labels is there. */
    public boolean has(String name, Map<String, String> labels) {
        return samples.stream().anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
    }
}
