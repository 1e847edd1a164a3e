package org.mailconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.mailconsole.sharingapp.SendServlet;

/**
 * Packages the small test webapp of the sharing tests (one servlet, {@link SendServlet}) as a WAR,
 * built by the test from the compiled test class. It bundles no mail jar: the container gives it
 * jakarta.mail and the session.
 */
public final class SharingApp {
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
              <servlet>
                <servlet-name>send</servlet-name>
                <servlet-class>org.mailconsole.sharingapp.SendServlet</servlet-class>
                <load-on-startup>1</load-on-startup>
              </servlet>
              <servlet-mapping><servlet-name>send</servlet-name><url-pattern>/send</url-pattern></servlet-mapping>
              <resource-ref>
                <res-ref-name>mail/Session</res-ref-name>
                <res-type>jakarta.mail.Session</res-type>
                <res-auth>Container</res-auth>
              </resource-ref>
            </web-app>
            """;

    private SharingApp() {
    }

    public static Path war(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        String classFile = SendServlet.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream war = new JarOutputStream(file)) {
            war.putNextEntry(new JarEntry("WEB-INF/web.xml"));
            war.write(WEB_XML.getBytes(StandardCharsets.UTF_8));
            war.closeEntry();
            war.putNextEntry(new JarEntry("WEB-INF/classes/" + classFile));
            try (InputStream in = SendServlet.class.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(war);
            }
            war.closeEntry();
        }
        return target;
    }
}
