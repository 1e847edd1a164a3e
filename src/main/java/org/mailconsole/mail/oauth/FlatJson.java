package org.mailconsole.mail.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a flat JSON object (string, number, boolean and null members; nested values are skipped)
 * such as an OAuth 2.0 token response. The shared mail core carries no JSON library.
 */
final class FlatJson {
    private final String text;
    private int at;

    private FlatJson(String text) {
        this.text = text;
    }

    /** Member name to its scalar value as text (null for JSON null); throws IllegalArgumentException when malformed. */
    static Map<String, String> parse(String text) {
        return new FlatJson(text).object();
    }

    private Map<String, String> object() {
        Map<String, String> members = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            at++;
            return members;
        }
        while (true) {
            String name = string();
            expect(':');
            members.put(name, value());
            char next = next();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or } at " + at);
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            skipNested();
            return null;
        }
        int start = at;
        while (at < text.length() && ",}] \t\r\n".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        String literal = text.substring(start, at);
        return literal.equals("null") ? null : literal;
    }

    private void skipNested() {
        int depth = 0;
        boolean inString = false;
        for (; at < text.length(); at++) {
            char c = text.charAt(at);
            if (inString) {
                if (c == '\\') {
                    at++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    at++;
                    return;
                }
            }
        }
        throw new IllegalArgumentException("unterminated value");
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private void expect(char c) {
        if (next() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + at);
        }
    }

    private char next() {
        char c = peek();
        at++;
        return c;
    }

    private char peek() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        if (at >= text.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return text.charAt(at);
    }
}
