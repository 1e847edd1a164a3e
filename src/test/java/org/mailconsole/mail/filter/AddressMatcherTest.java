package org.mailconsole.mail.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailconsole.model.filter.AddressFilter;
import org.mailconsole.model.filter.AddressList;
import org.mailconsole.model.filter.FilterDirection;
import org.mailconsole.model.filter.ListType;

/** The matching rule of email-model.md section 3, case by case. */
class AddressMatcherTest {
    static AddressFilter filter(AddressList... lists) {
        return new AddressFilter(7L, "Test filter", FilterDirection.OUTBOUND, true, false, List.of(lists), 1);
    }

    static AddressList deny(List<String> domains, List<String> exceptions) {
        return new AddressList(ListType.DENY, domains, exceptions);
    }

    static AddressList allow(List<String> domains, List<String> exceptions) {
        return new AddressList(ListType.ALLOW, domains, exceptions);
    }

    @Test
    void anExactDomainMatchesOnlyItself() {
        AddressFilter f = filter(deny(List.of("blocked.example"), List.of()));
        assertFalse(AddressMatcher.check(f, "a@blocked.example").allowed());
        assertTrue(AddressMatcher.check(f, "a@sub.blocked.example").allowed());
        assertTrue(AddressMatcher.check(f, "a@notblocked.example").allowed());
        assertTrue(AddressMatcher.check(f, "a@blocked.example.org").allowed());
    }

    @Test
    void aStarDotDomainMatchesEverySubdomainButNotTheDomainItself() {
        AddressFilter f = filter(deny(List.of("*.blocked.example"), List.of()));
        assertFalse(AddressMatcher.check(f, "a@x.blocked.example").allowed());
        assertFalse(AddressMatcher.check(f, "a@deep.x.blocked.example").allowed());
        assertTrue(AddressMatcher.check(f, "a@blocked.example").allowed());
        assertTrue(AddressMatcher.check(f, "a@xblocked.example").allowed(), "not a subdomain, just the same ending");
        assertTrue(AddressMatcher.check(f, "a@other.example").allowed());
    }

    @Test
    void aLoneStarMatchesEveryDomain() {
        AddressFilter f = filter(deny(List.of("*"), List.of()));
        assertFalse(AddressMatcher.check(f, "a@corp.example").allowed());
        assertFalse(AddressMatcher.check(f, "a@localhost").allowed());
    }

    @Test
    void denyEverythingAllowOneDomainLetsOnlyThatDomainThrough() {
        AddressFilter f = filter(deny(List.of("*"), List.of()), allow(List.of("corp.example"), List.of()));
        Verdict corp = AddressMatcher.check(f, "jane@corp.example");
        assertTrue(corp.allowed());
        assertEquals(2, corp.listIndex(), "the allow list decided");
        Verdict other = AddressMatcher.check(f, "joe@gmail.example");
        assertFalse(other.allowed());
        assertEquals(1, other.listIndex());
        assertTrue(other.reason().contains("deny *"), other.reason());
        assertFalse(AddressMatcher.check(f, "joe@sub.corp.example").allowed(), "corp.example is not *.corp.example");
    }

    @Test
    void theOrderOfListsDoesNotChangeTheAnswerAllowWinsOverDeny() {
        AddressFilter f = filter(allow(List.of("corp.example"), List.of()), deny(List.of("*"), List.of()));
        assertTrue(AddressMatcher.check(f, "jane@corp.example").allowed());
        assertFalse(AddressMatcher.check(f, "joe@gmail.example").allowed());
    }

    @Test
    void matchingIgnoresCaseOfAddressesAndPatterns() {
        AddressFilter f = filter(deny(List.of("*.Blocked.Example"), List.of("CEO@X.blocked.example")));
        assertFalse(AddressMatcher.check(f, "Someone@X.BLOCKED.EXAMPLE").allowed());
        assertTrue(AddressMatcher.check(f, "ceo@x.BLOCKED.example").allowed());
        assertTrue(AddressMatcher.check(f, "CEO@X.BLOCKED.EXAMPLE").allowed());
    }

    @Test
    void anExceptionTakesTheAddressOutOfItsList() {
        AddressFilter f = filter(deny(List.of("*.blocked.example"), List.of("ceo@x.blocked.example")));
        Verdict ceo = AddressMatcher.check(f, "ceo@x.blocked.example");
        assertTrue(ceo.allowed());
        assertEquals(1, ceo.listIndex(), "the deny list's exception decided");
        assertTrue(ceo.reason().contains("excepts"), ceo.reason());
        assertFalse(AddressMatcher.check(f, "cfo@x.blocked.example").allowed());
    }

    @Test
    void exceptionsTakeWildcards() {
        AddressFilter f = filter(deny(List.of("corp.example"), List.of("*-noreply@corp.example", "team.*@corp.example")));
        assertTrue(AddressMatcher.check(f, "billing-noreply@corp.example").allowed());
        assertTrue(AddressMatcher.check(f, "-noreply@corp.example").allowed(), "* matches nothing too");
        assertTrue(AddressMatcher.check(f, "team.red@corp.example").allowed());
        assertFalse(AddressMatcher.check(f, "noreply@corp.example").allowed(), "the '-' is required");
        assertFalse(AddressMatcher.check(f, "billing-noreply-x@corp.example").allowed(), "the pattern is anchored");
        assertFalse(AddressMatcher.check(f, "jane@corp.example").allowed());
    }

    @Test
    void anExceptionOfAnAllowListMakesThatListNotMatch() {
        AddressFilter f = filter(deny(List.of("*"), List.of()), allow(List.of("corp.example"), List.of("intern@corp.example")));
        assertTrue(AddressMatcher.check(f, "jane@corp.example").allowed());
        assertFalse(AddressMatcher.check(f, "intern@corp.example").allowed());
    }

    @Test
    void anAddressNoListMatchesIsAllowed() {
        Verdict v = AddressMatcher.check(filter(deny(List.of("blocked.example"), List.of())), "a@fine.example");
        assertTrue(v.allowed());
        assertNull(v.listIndex());
        assertTrue(filter().lists().isEmpty());
        assertTrue(AddressMatcher.check(filter(), "a@fine.example").allowed(), "a filter without lists blocks nothing");
        assertTrue(AddressMatcher.check(filter(allow(List.of("corp.example"), List.of())), "a@other.example").allowed(),
                "an allow list alone blocks nothing");
    }

    @Test
    void anInvalidAddressIsBlockedWithThatReason() {
        AddressFilter f = filter(allow(List.of("*"), List.of()));
        for (String bad : new String[] {"", "   ", "no-at-sign", "two@@corp.example", "a@", "@corp.example",
                "a b@corp.example", "a@bad_domain!.example", null}) {
            Verdict v = AddressMatcher.check(f, bad);
            assertFalse(v.allowed(), "should be blocked: " + bad);
            assertTrue(v.reason().contains("not a valid address"), v.reason());
            assertNull(v.listIndex());
        }
    }

    @Test
    void aNameAndAngleBracketsAreReadAsTheAddress() {
        AddressFilter f = filter(deny(List.of("blocked.example"), List.of()));
        assertFalse(AddressMatcher.check(f, "Jane Doe <jane@blocked.example>").allowed());
        assertTrue(AddressMatcher.check(f, "  jane@fine.example  ").allowed());
    }

    @Test
    void globIsAPlainWildcardMatch() {
        assertTrue(AddressMatcher.glob("*", ""));
        assertTrue(AddressMatcher.glob("a*b*c", "axxbyyc"));
        assertFalse(AddressMatcher.glob("a*b*c", "axxbyy"));
        assertTrue(AddressMatcher.glob("**x", "abcx"));
        assertFalse(AddressMatcher.glob("a.c", "abc"), "a dot is a dot, not a regex");
    }

    @Test
    void recipientFilterKeepsAllowedDropsBlockedAndNamesTheFilter() throws Exception {
        AddressFilter f = filter(deny(List.of("*.blocked.example"), List.of("ceo@x.blocked.example")));
        Address[] to = InternetAddress.parse("ceo@x.blocked.example, cfo@x.blocked.example, jane@fine.example");
        FilterOutcome outcome = RecipientFilter.apply(f, to, List.of());
        assertEquals(List.of("ceo@x.blocked.example", "jane@fine.example"),
                outcome.kept().stream().map(a -> ((InternetAddress) a).getAddress()).toList());
        assertEquals(1, outcome.blocked().size());
        BlockedRecipient blocked = outcome.blocked().get(0);
        assertEquals("cfo@x.blocked.example", blocked.address());
        assertEquals(7L, blocked.filterId());
        assertEquals("Test filter", blocked.filterName());
        assertFalse(outcome.nothingLeft());
    }

    @Test
    void everyRecipientBlockedMeansNothingLeftNamingTheFilter() throws Exception {
        AddressFilter f = filter(deny(List.of("*"), List.of()));
        FilterOutcome outcome = RecipientFilter.apply(f, InternetAddress.parse("a@x.example, b@y.example"), List.of());
        assertTrue(outcome.nothingLeft());
        assertTrue(outcome.skipReason().contains("\"Test filter\""), outcome.skipReason());
    }

    @Test
    void noFilterBlocksNothing() throws Exception {
        FilterOutcome outcome = RecipientFilter.apply(null, InternetAddress.parse("a@x.example"), List.of());
        assertEquals(1, outcome.kept().size());
        assertTrue(outcome.blocked().isEmpty());
        assertFalse(outcome.nothingLeft());
    }

    @Test
    void theTestAddressWinsOverTheFilter() throws Exception {
        AddressFilter f = filter(deny(List.of("*"), List.of()));
        FilterOutcome outcome = RecipientFilter.apply(f, InternetAddress.parse("QA@Test.example"), List.of("qa@test.example"));
        assertEquals(1, outcome.kept().size(), "a test address is never blocked");
        assertTrue(outcome.blocked().isEmpty());
    }

    @Test
    void theFilterInEffectIsTheNamedOneElseTheActiveDefault() {
        AddressFilter named = new AddressFilter(1L, "Named", FilterDirection.OUTBOUND, true, false, List.of(), 1);
        AddressFilter def = new AddressFilter(2L, "Default", FilterDirection.OUTBOUND, true, true, List.of(), 1);
        AddressFilter inboundDefault = new AddressFilter(3L, "In", FilterDirection.INBOUND, true, true, List.of(), 1);
        AddressFilter inactiveNamed = new AddressFilter(4L, "Off", FilterDirection.OUTBOUND, false, false, List.of(), 1);
        List<AddressFilter> all = List.of(named, def, inboundDefault, inactiveNamed);
        assertEquals("Named", FilterChoice.inEffect(1L, FilterDirection.OUTBOUND, all).orElseThrow().name());
        assertEquals("Default", FilterChoice.inEffect(null, FilterDirection.OUTBOUND, all).orElseThrow().name());
        assertEquals("In", FilterChoice.inEffect(null, FilterDirection.INBOUND, all).orElseThrow().name());
        assertTrue(FilterChoice.inEffect(4L, FilterDirection.OUTBOUND, all).isEmpty(), "an inactive named filter does not act");
        AddressFilter inactiveDefault = new AddressFilter(2L, "Default", FilterDirection.OUTBOUND, false, true, List.of(), 1);
        assertTrue(FilterChoice.inEffect(null, FilterDirection.OUTBOUND, List.of(inactiveDefault)).isEmpty());
    }
}
