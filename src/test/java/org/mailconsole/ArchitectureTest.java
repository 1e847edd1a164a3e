package org.mailconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of docs/architecture.md read from the main sources' imports: web -> console -> mail ->
 * store -> model and crypto, never upwards; no cycle between any two packages; and the shared core
 * (mail, store, model, crypto: the container's common class loader) imports no servlet, Jersey or
 * FreeMarker class.
 */
class ArchitectureTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+?)(?:\\.\\*)?;", Pattern.MULTILINE);
    /** Each layer's rank: an import goes to a layer of the same rank or lower. */
    private static final Map<String, Integer> RANK = Map.of("web", 3, "console", 2, "mail", 1, "store", 0,
            "model", -1, "crypto", -1);
    private static final List<String> NOT_IN_THE_CORE = List.of("jakarta.servlet.", "jakarta.ws.rs.",
            "org.glassfish.jersey.", "freemarker.");

    /** Per main source file (as a path under src/main/java): its package and its imports. */
    private static final Map<String, String> PACKAGES = new TreeMap<>();
    private static final Map<String, List<String>> IMPORTS = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                String name = SOURCES.relativize(file).toString();
                PACKAGES.put(name, pkg.find() ? pkg.group(1) : "");
                List<String> imports = new ArrayList<>();
                Matcher imp = IMPORT.matcher(text);
                while (imp.find()) {
                    imports.add(imp.group(1));
                }
                IMPORTS.put(name, imports);
            }
        }
    }

    @Test
    void noImportGoesUpALayer() {
        List<String> upwards = new ArrayList<>();
        IMPORTS.forEach((file, imports) -> {
            int from = RANK.get(layer(PACKAGES.get(file)));
            for (String imported : imports) {
                if (imported.startsWith("org.mailconsole.") && RANK.get(layer(imported)) > from) {
                    upwards.add(file + " imports " + imported);
                }
            }
        });
        assertEquals(List.of(), upwards);
    }

    @Test
    void theSharedCoreImportsNoServletJerseyOrFreeMarkerClass() {
        List<String> found = new ArrayList<>();
        IMPORTS.forEach((file, imports) -> {
            if (RANK.get(layer(PACKAGES.get(file))) <= RANK.get("mail")) {
                imports.stream().filter(i -> NOT_IN_THE_CORE.stream().anyMatch(i::startsWith))
                        .forEach(i -> found.add(file + " imports " + i));
            }
        });
        assertEquals(List.of(), found);
    }

    @Test
    void noTwoPackagesDependOnEachOtherEvenThroughOthers() {
        Map<String, Set<String>> graph = new TreeMap<>();
        IMPORTS.forEach((file, imports) -> {
            String from = PACKAGES.get(file);
            Set<String> to = graph.computeIfAbsent(from, p -> new TreeSet<>());
            for (String imported : imports) {
                String target = packageOf(imported);
                if (target.startsWith("org.mailconsole") && !target.equals(from)) {
                    to.add(target);
                }
            }
        });
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            for (String next : graph.get(start)) {
                if (reaches(graph, next, start, new TreeSet<>())) {
                    cycles.add(start + " -> " + next + " -> ... -> " + start);
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        if (from.equals(target)) {
            return true;
        }
        if (!seen.add(from)) {
            return false;
        }
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (reaches(graph, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** The package of an imported class (or of a static import's class): up to its first capitalised part. */
    private static String packageOf(String imported) {
        List<String> parts = new ArrayList<>();
        for (String part : imported.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** The layer of a package or class of the project: the part after org.mailconsole. */
    private static String layer(String name) {
        String rest = name.substring("org.mailconsole.".length());
        int dot = rest.indexOf('.');
        String layer = dot < 0 ? rest : rest.substring(0, dot);
        if (!RANK.containsKey(layer)) {
            throw new AssertionError("no layer is named " + layer + " (" + name + "): add it to RANK and to docs/architecture.md");
        }
        return layer;
    }
}
