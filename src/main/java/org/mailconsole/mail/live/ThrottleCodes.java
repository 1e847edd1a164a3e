package org.mailconsole.mail.live;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailconsole.model.PropertyType;

/**
 * Which replies are the relay saying "you are going too fast" (email-model.md section 7.1,
 * glide.smtp.throttle_codes): a basic reply code in {@code basic}, or a reply whose enhanced status
 * code (RFC 3463, the word after the basic code: "450 4.7.1 rate limit") is in {@code enhanced}.
 */
public record ThrottleCodes(Set<Integer> basic, Set<String> enhanced) {
    /** The basic code, then the enhanced status code as the reply's first word after it. */
    private static final Pattern ENHANCED_IN_REPLY = Pattern.compile("^\\s*[2-5][0-9][0-9][ -]+([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\b");

    public ThrottleCodes {
        basic = Set.copyOf(basic);
        enhanced = Set.copyOf(enhanced);
    }

    /** The codes of the property's list: three digits are basic codes, x.y.z enhanced ones. */
    public static ThrottleCodes of(String list) {
        Set<Integer> basic = new HashSet<>();
        Set<String> enhanced = new HashSet<>();
        for (String item : PropertyType.splitList(list)) {
            if (PropertyType.ENHANCED_CODE.matcher(item).matches()) {
                enhanced.add(item);
            } else {
                basic.add(Integer.valueOf(item));
            }
        }
        return new ThrottleCodes(basic, enhanced);
    }

    /** Whether a reply (to MAIL, RCPT or the end of DATA) with this code and text is a throttle signal. */
    public boolean throttles(Integer code, String reply) {
        if (code == null) {
            return false; // a connection failure (a refused greeting included) is not a throttle signal
        }
        if (basic.contains(code)) {
            return true;
        }
        if (reply == null || enhanced.isEmpty()) {
            return false;
        }
        Matcher matcher = ENHANCED_IN_REPLY.matcher(reply);
        return matcher.find() && enhanced.contains(matcher.group(1));
    }
}
