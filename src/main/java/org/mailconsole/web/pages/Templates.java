package org.mailconsole.web.pages;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** FreeMarker templates under /WEB-INF/templates (.ftlh: HTML auto-escaping on). */
public final class Templates {
    private static final String ATTRIBUTE = Templates.class.getName();

    private final Configuration configuration;

    private Templates(ServletContext context) {
        configuration = new Configuration(Configuration.VERSION_2_3_34);
        configuration.setServletContextForTemplateLoading(context, "/WEB-INF/templates");
        configuration.setDefaultEncoding("UTF-8");
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setAPIBuiltinEnabled(false);
    }

    public static Templates of(ServletContext context) {
        synchronized (context) {
            Templates templates = (Templates) context.getAttribute(ATTRIBUTE);
            if (templates == null) {
                templates = new Templates(context);
                context.setAttribute(ATTRIBUTE, templates);
            }
            return templates;
        }
    }

    public void render(HttpServletResponse response, int status, String name, Map<String, Object> model)
            throws IOException, ServletException {
        response.setStatus(status);
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        try {
            configuration.getTemplate(name).process(model, response.getWriter());
        } catch (TemplateException e) {
            throw new ServletException("template " + name + " failed", e);
        }
    }
}
