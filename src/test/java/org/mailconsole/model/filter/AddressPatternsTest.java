package org.mailconsole.model.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AddressPatternsTest {
    @Test
    void domainPatterns() {
        for (String good : new String[] {"corp.example", "*.example.com", "*", "localhost", " Corp.Example "}) {
            assertNull(AddressPatterns.checkDomain(good), good);
        }
        for (String bad : new String[] {"", " ", "corp example", "a@corp.example", "corp*.example", "*.*.example",
                "ex*", "10.0.0.1", "[::1]", "bad_name.example", "-x.example", "*."}) {
            assertNotNull(AddressPatterns.checkDomain(bad), bad);
        }
        assertEquals("must not contain spaces", AddressPatterns.checkDomain("corp example"));
    }

    @Test
    void exceptionPatterns() {
        for (String good : new String[] {"ceo@corp.example", "*-noreply@corp.example", "*@corp.example",
                "a.b+c@sub.corp.example", "ceo@*.corp.example"}) {
            assertNull(AddressPatterns.checkException(good), good);
        }
        for (String bad : new String[] {"", "ceo", "corp.example", "@corp.example", "ceo@", "a@b@corp.example",
                "ceo @corp.example", "Jane <jane@corp.example>", "ceo@bad_domain!"}) {
            assertNotNull(AddressPatterns.checkException(bad), bad);
        }
    }

    @Test
    void storedFormIsTrimmedLowerCase() {
        assertEquals("*.example.com", AddressPatterns.normalize("  *.EXAMPLE.com "));
    }
}
