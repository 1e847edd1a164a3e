package org.mailconsole.web.api;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The REST API under /api/v1. Classes registered one by one: package scanning fails in unpacked WARs. */
public final class ApiApplication extends ResourceConfig {
    public ApiApplication() {
        register(JacksonFeature.withoutExceptionMappers());
        register(ObjectMapperProvider.class);
        register(ValidationExceptionMapper.class);
        register(StaleVersionExceptionMapper.class);
        register(JsonExceptionMapper.class);
        register(WebApplicationExceptionMapper.class);
        register(UnexpectedExceptionMapper.class);
        register(PropertiesResource.class);
        register(HealthResource.class);
        // email accounts (issue 3)
        register(AccountRuleExceptionMapper.class);
        register(AccountNotFoundExceptionMapper.class);
        register(AccountsResource.class);
        register(TestEmailResource.class);
        // system address filters, diagnostics
        register(FilterRuleExceptionMapper.class);
        register(FilterNotFoundExceptionMapper.class);
        register(AddressFiltersResource.class);
        register(DiagnosticsResource.class);
        // the email log
        register(EmailNotFoundExceptionMapper.class);
        register(EmailActionConflictExceptionMapper.class);
        register(EmailsResource.class);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
