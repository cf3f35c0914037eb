package io.millwright.server.security;

import io.millwright.tenancy.TenantRole;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a resource method as acting inside the tenant named by the {@code slug} path parameter, and
 * lists the roles of which the caller needs at least one. An empty list admits any member.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TenantRoles {
  TenantRole[] value() default {};
}
