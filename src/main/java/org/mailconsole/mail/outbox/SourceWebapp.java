package org.mailconsole.mail.outbox;

import java.lang.reflect.Method;

/**
 * Which webapp is sending: the context path of the calling thread's context class loader. Tomcat's
 * webapp loader tells it by {@code getContextName()}, Jetty 12's by {@code getContext().getContextPath()};
 * both are read reflectively, so the core needs no container class.
 */
public final class SourceWebapp {
    /** The source of the console's own mail (its test email). */
    public static final String CONSOLE = "console";
    /** When the container does not tell. */
    public static final String UNKNOWN = "unknown";

    private SourceWebapp() {
    }

    public static String ofCurrentThread() {
        return of(Thread.currentThread().getContextClassLoader());
    }

    static String of(ClassLoader loader) {
        if (loader == null) {
            return UNKNOWN;
        }
        Object tomcat = call(loader, "getContextName");
        if (tomcat instanceof String name) {
            return path(name);
        }
        Object context = call(loader, "getContext");
        if (context != null && call(context, "getContextPath") instanceof String path) {
            return path(path);
        }
        return UNKNOWN;
    }

    private static String path(String name) {
        return name.isEmpty() ? "/" : name.startsWith("/") ? name : "/" + name;
    }

    private static Object call(Object target, String method) {
        try {
            Method m = target.getClass().getMethod(method);
            return m.getParameterCount() == 0 ? m.invoke(target) : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
