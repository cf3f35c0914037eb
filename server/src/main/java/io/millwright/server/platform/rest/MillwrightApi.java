package io.millwright.server.platform.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API root. Its description is served at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Millwright API",
            version = "1",
            description =
                "Tenant provisioning (platform admins), members, audit trail and usage. Every"
                    + " call needs a Keycloak bearer token; errors are RFC 9457 problem+json."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class MillwrightApi extends Application {}
