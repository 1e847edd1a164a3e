package org.mailconsole.mail.source;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which webapp is sending: the context path of the calling thread's context class loader, as the
 * container tells it (Tomcat's WebappClassLoaderBase.getContextName, Jetty's
 * WebAppClassLoader.getContext().getContextPath), read by reflection because the shared core may
 * not depend on either container. Tomcat answers the base name ("ROOT", "a#b", "shop##2"), turned
 * into the context path here. Remembered per class loader (weakly: an undeployed webapp's loader
 * is not held). The one place the sending webapp is found: the email log entry's {@code source} and
 * the diagnostics' sending webapps both come from it (through the Outbox).
 */
public final class SendingWebapp {
    /** The source of the console's own mail (its test email) in the email log. */
    public static final String CONSOLE = "console";
    /** When the container does not tell (a thread of no webapp, an unknown container). */
    public static final String UNKNOWN = "(unknown)";

    private static final Map<ClassLoader, String> KNOWN = new WeakHashMap<>();

    private SendingWebapp() {
    }

    public static String current() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            return UNKNOWN;
        }
        synchronized (KNOWN) {
            return KNOWN.computeIfAbsent(loader, SendingWebapp::contextPath);
        }
    }

    static String contextPath(ClassLoader loader) {
        try {
            Method tomcat = findMethod(loader.getClass(), "getContextName");
            if (tomcat != null) {
                return tomcatPath(String.valueOf(tomcat.invoke(loader)));
            }
            Method jetty = findMethod(loader.getClass(), "getContext");
            if (jetty != null) {
                Object context = jetty.invoke(loader);
                Method path = context == null ? null : findMethod(context.getClass(), "getContextPath");
                if (path != null) {
                    String value = String.valueOf(path.invoke(context));
                    return value.isEmpty() ? "/" : value;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /** Tomcat's base name ("shop", "ROOT", "a#b", "shop##2") as a context path ("/shop", "/", "/a/b"). */
    static String tomcatPath(String baseName) {
        String name = baseName;
        int version = name.indexOf("##");
        if (version >= 0) {
            name = name.substring(0, version);
        }
        if (name.equals("ROOT") || name.isEmpty()) {
            return "/";
        }
        if (name.equals("Unknown")) {
            return UNKNOWN;
        }
        return "/" + name.replace('#', '/');
    }

    private static Method findMethod(Class<?> type, String name) {
        try {
            Method method = type.getMethod(name);
            return method.getParameterCount() == 0 ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
