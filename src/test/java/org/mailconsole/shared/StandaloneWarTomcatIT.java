package org.mailconsole.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.mailconsole.testing.ConsoleClient;

/**
 * The WAR alone, as before the shared bundle: Cargo's Tomcat 10.1 (the foundation's, no bundle in
 * its lib) runs it with the WAR's own META-INF/context.xml (parent-first loading), and the console
 * works with its own classes and database.
 */
class StandaloneWarTomcatIT {
    @Test
    void theWarWorksAloneWithParentFirstLoading() throws Exception {
        ConsoleClient admin = new ConsoleClient(System.getProperty("it.tomcat.url"),
                System.getProperty("it.admin.user"), System.getProperty("it.admin.password"));
        assertEquals(200, admin.get("/api/v1/health").statusCode());
        assertEquals("25", admin.property("glide.smtp.port").get("effective").asText());
        assertEquals(Boolean.TRUE, consoleLoaderDelegates(),
                "the running Tomcat loads the console's classes parent-first (Loader delegate)");
    }

    /**
     * Asks the running Tomcat itself (its Loader MBean, over a local JMX attach: no port) whether the
     * console's web application class loader delegates to the parent first.
     */
    private static Object consoleLoaderDelegates() throws Exception {
        // Cargo's Tomcat of this checkout (the other ITs' Tomcats live elsewhere under target/)
        Path target = Path.of(System.getProperty("it.war")).toAbsolutePath().getParent().resolve("cargo");
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (!jvm.displayName().contains("org.apache.catalina.startup.Bootstrap")) {
                continue;
            }
            VirtualMachine vm = VirtualMachine.attach(jvm);
            try {
                String base = vm.getSystemProperties().getProperty("catalina.base", "");
                if (!Path.of(base).toAbsolutePath().startsWith(target)) {
                    continue; // another checkout's Tomcat
                }
                try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
                    MBeanServerConnection beans = jmx.getMBeanServerConnection();
                    return beans.getAttribute(
                            new ObjectName("Catalina:type=Loader,host=localhost,context=/mail-console"), "delegate");
                }
            } finally {
                vm.detach();
            }
        }
        assertNotNull(null, "no Tomcat of this checkout (catalina.base under " + target + ") is running");
        return null;
    }
}
