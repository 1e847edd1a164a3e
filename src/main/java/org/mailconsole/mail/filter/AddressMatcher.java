package org.mailconsole.mail.filter;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Locale;
import org.mailconsole.model.HostNames;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.ListType;

/**
 * The matching rule of email-model.md section 3, as a pure function. A list matches an address
 * whose domain matches one of its domains ({@code corp.example} exactly; {@code *.example.com} every
 * subdomain of example.com, not example.com itself; {@code *} every domain) and that matches none
 * of its exceptions ({@code *} in an exception matches any run of characters). An address is
 * blocked only if some deny list matches it and no allow list does; an address that is not a valid
 * address is blocked. Everything is case-insensitive.
 */
public final class AddressMatcher {
    private AddressMatcher() {
    }

    public static Verdict check(AddressFilter filter, String address) {
        String canonical = canonical(address);
        if (canonical == null) {
            return new Verdict(false, null, "\"" + (address == null ? "" : address.trim()) + "\" is not a valid address");
        }
        String domain = canonical.substring(canonical.lastIndexOf('@') + 1);
        List<AddressList> lists = filter.lists();
        Integer deny = null;
        Integer allow = null;
        String excepted = null;
        Integer exceptedBy = null;
        for (int i = 0; i < lists.size(); i++) {
            AddressList list = lists.get(i);
            String domainMatch = firstDomainMatch(list, domain);
            if (domainMatch == null) {
                continue;
            }
            String exception = firstExceptionMatch(list, canonical);
            if (exception != null) {
                if (excepted == null && list.type() == ListType.DENY) {
                    excepted = "list " + (i + 1) + " (" + list.describe() + ") excepts it";
                    exceptedBy = i + 1;
                }
                continue;
            }
            if (list.type() == ListType.DENY && deny == null) {
                deny = i;
            } else if (list.type() == ListType.ALLOW && allow == null) {
                allow = i;
            }
        }
        if (allow != null) {
            String why = "allowed by list " + (allow + 1) + " (" + lists.get(allow).describe() + ")";
            if (deny != null) {
                why += ", although list " + (deny + 1) + " (" + lists.get(deny).describe() + ") denies it";
            }
            return new Verdict(true, allow + 1, why);
        }
        if (deny != null) {
            return new Verdict(false, deny + 1, "blocked by list " + (deny + 1) + " (" + lists.get(deny).describe() + ")");
        }
        return excepted != null ? new Verdict(true, exceptedBy, "allowed: " + excepted)
                : new Verdict(true, null, "allowed: no deny list matches it");
    }

    /** The address in lower case if it is one valid address (name@domain), else null. */
    static String canonical(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            String bare = parsed.getAddress();
            int at = bare == null ? -1 : bare.lastIndexOf('@');
            if (at <= 0 || at == bare.length() - 1) {
                return null;
            }
            String domain = bare.substring(at + 1);
            if (HostNames.check(domain) != null) {
                return null;
            }
            return bare.toLowerCase(Locale.ROOT);
        } catch (AddressException e) {
            return null;
        }
    }

    private static String firstDomainMatch(AddressList list, String domain) {
        for (String pattern : list.domains()) {
            if (domainMatches(pattern, domain)) {
                return pattern;
            }
        }
        return null;
    }

    static boolean domainMatches(String pattern, String domain) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.equals("*")) {
            return true;
        }
        if (p.startsWith("*.")) {
            return domain.endsWith(p.substring(1)) && domain.length() > p.length() - 1;
        }
        return domain.equals(p);
    }

    private static String firstExceptionMatch(AddressList list, String address) {
        for (String pattern : list.exceptions()) {
            if (glob(pattern.toLowerCase(Locale.ROOT), address)) {
                return pattern;
            }
        }
        return null;
    }

    /** {@code *} matches any run of characters (also none); everything else matches itself. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
