package org.mailconsole.testing;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to a running Tomcat of this machine, found by its catalina.base, through the
 * JDK's local attach (the agent the JVM starts on request: no remote port to open or secure).
 */
public final class TomcatJmx {
    /** What a test reads over the connection. */
    @FunctionalInterface
    public interface Use<T> {
        T on(MBeanServerConnection server) throws Exception;
    }

    private TomcatJmx() {
    }

    public static <T> T read(Path base, Use<T> use) throws Exception {
        for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
            if (!jvm.displayName().contains("org.apache.catalina.startup.Bootstrap")) {
                continue;
            }
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(jvm);
            } catch (IOException | AttachNotSupportedException notOurs) {
                continue; // another Tomcat of this machine, starting or going away (another test's)
            }
            try {
                String catalinaBase = vm.getSystemProperties().getProperty("catalina.base", "");
                if (!Path.of(catalinaBase).toAbsolutePath().equals(base.toAbsolutePath())) {
                    continue;
                }
                try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()))) {
                    return use.on(jmx.getMBeanServerConnection());
                }
            } finally {
                vm.detach();
            }
        }
        throw new AssertionError("no Tomcat with catalina.base " + base + " is running");
    }
}
