package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;

/**
 * The WAR alone, as before the shared bundle: Cargo's Tomcat 10.1 (the foundation's, no bundle in
 * its lib) runs it with the WAR's own META-INF/context.xml (parent-first loading), and the console
 * works with its own classes and database.
 */
class StandaloneWarTomcatIT {
    @Test
    void theWarWorksAloneWithParentFirstLoading() {
        ConsoleClient admin = new ConsoleClient(System.getProperty("it.tomcat.url"),
                System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
        assertEquals(200, admin.get("/api/v1/health").statusCode());
        assertEquals("25", admin.property("glide.smtp.port").get("effective").asText());
    }
}
