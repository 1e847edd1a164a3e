package org.mailconsole.model.emaillog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The email log's search rule: an entry's terms are every lower-cased tail of its sender, subject
 * and each recipient that starts a word (a letter or digit after a non-letter-or-digit), cut to
 * {@link #TERM_LENGTH}; a search matches the start of a term.
 */
public final class SearchTerms {
    public static final int TERM_LENGTH = 100;
    private static final int MAX_TERMS = 200;

    private SearchTerms() {
    }

    /** The terms of an entry with these fields (null fields have none). */
    public static Set<String> of(String from, String subject, List<String> recipients, List<String> actual) {
        Set<String> terms = new LinkedHashSet<>();
        List<String> fields = new ArrayList<>();
        fields.add(from);
        fields.add(subject);
        fields.addAll(recipients);
        fields.addAll(actual);
        for (String field : fields) {
            if (field == null) {
                continue;
            }
            String text = field.toLowerCase(Locale.ROOT);
            for (int i = 0; i < text.length() && terms.size() < MAX_TERMS; i++) {
                if (Character.isLetterOrDigit(text.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                    terms.add(cut(text.substring(i)));
                }
            }
        }
        return terms;
    }

    /** What a search looks for among the terms: the query lower-cased, from its first letter or digit; empty for none. */
    public static String prefixOf(String query) {
        String text = query.toLowerCase(Locale.ROOT).trim();
        int start = 0;
        while (start < text.length() && !Character.isLetterOrDigit(text.charAt(start))) {
            start++;
        }
        return cut(text.substring(start));
    }

    private static String cut(String term) {
        return term.length() <= TERM_LENGTH ? term : term.substring(0, TERM_LENGTH);
    }
}
