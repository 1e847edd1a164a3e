package org.mailconsole.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.EnumSet;
import java.util.Set;
import org.mailconsole.console.MailConsole;
import org.mailconsole.store.JdbcDrivers;
import org.mailconsole.store.StorageSettings;
import org.mailconsole.store.StorageSettingsResolver;

/**
 * Starts the console when the webapp starts and shuts its database down cleanly when it stops.
 * Storage settings may also come from the webapp's context parameters (Tomcat: a
 * {@code <Parameter>} in the context descriptor), which take precedence. With
 * mailconsole.console.ports set, the console answers on those local ports only
 * ({@link ConsolePortFilter}).
 */
public final class ConsoleContextListener implements ServletContextListener {
    private static final String ATTRIBUTE = MailConsole.class.getName();
    private static final System.Logger LOG = System.getLogger(ConsoleContextListener.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        // first: a bad value refuses the start before the database opens
        Set<Integer> ports = StorageSettingsResolver.consolePortsFromJvm(context::getInitParameter);
        if (!ports.isEmpty()) {
            context.addFilter("console-port", new ConsolePortFilter(ports)).addMappingForUrlPatterns(
                    EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
            LOG.log(System.Logger.Level.INFO, "Mail Console answers on local port(s) {0} only ({1})", ports,
                    StorageSettingsResolver.CONSOLE_PORTS);
        }
        StorageSettings settings = JndiSessionLookup.storageSettings().orElse(null);
        boolean sharedMode = settings != null;
        if (sharedMode) {
            LOG.log(System.Logger.Level.INFO, "Mail Console starting in shared mode, with the database of the "
                    + "container''s mail/Session: {0}", settings);
        } else {
            settings = StorageSettingsResolver.resolveFromJvm(context::getInitParameter);
            LOG.log(System.Logger.Level.INFO, "Mail Console starting with {0}", settings);
        }
        context.setAttribute(ATTRIBUTE, MailConsole.start(settings, sharedMode, ports));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object console = event.getServletContext().getAttribute(ATTRIBUTE);
        if (console instanceof MailConsole mailConsole) {
            mailConsole.close();
        }
        event.getServletContext().removeAttribute(ATTRIBUTE);
        // standalone, the WAR's own driver jars registered themselves; shared, they are the container's and stay
        JdbcDrivers.deregisterLoadedBy(event.getServletContext().getClassLoader());
    }

    public static MailConsole console(ServletContext context) {
        return (MailConsole) context.getAttribute(ATTRIBUTE);
    }
}
