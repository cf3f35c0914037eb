package io.millwright.server.security;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.logging.LogFields;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.tenants.TenantDirectory;
import io.millwright.server.usage.ApiUsageMeter;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantStatus;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The second wall at the edge: platform endpoints need {@code platform-admin}; tenant endpoints
 * resolve the tenant in the path once, refuse callers who are not members with the same 404 as a
 * tenant that does not exist, refuse suspended tenants with 403, and check the endpoint's roles.
 * Endpoints carrying neither annotation are refused: a forgotten guard fails closed.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {

  private static final Logger LOG = Logger.getLogger(AuthorizationFilter.class.getName());

  @Inject RequestContext context;
  @Inject TenantDirectory tenants;
  @Inject AuditTrail audit;
  @Inject ApiUsageMeter usage;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return; // unmatched: JAX-RS answers 404/405 itself
    }
    Caller caller = context.requireCaller();
    if (method.isAnnotationPresent(PlatformAdminOnly.class)
        || type.isAnnotationPresent(PlatformAdminOnly.class)) {
      if (!caller.isPlatformAdmin()) {
        deny(
            request,
            TenantId.PLATFORM,
            caller,
            "platform-admin required",
            Problem.forbidden("This operation is reserved to platform administrators."));
      }
      return;
    }
    TenantRoles roles = method.getAnnotation(TenantRoles.class);
    if (roles == null) {
      roles = type.getAnnotation(TenantRoles.class);
    }
    if (roles == null) {
      LOG.severe(() -> "Endpoint without a security annotation refused: " + method);
      request.abortWith(
          Problem.forbidden("This endpoint is not available.").toResponse(context.requestId()));
      return;
    }
    String slug = request.getUriInfo().getPathParameters().getFirst("slug");
    if (slug == null) {
      throw new IllegalStateException("@TenantRoles on a path without {slug}: " + method);
    }
    checkTenant(request, caller, slug, Set.of(roles.value()));
  }

  private void checkTenant(
      ContainerRequestContext request, Caller caller, String slug, Set<TenantRole> wanted) {
    var resolution = tenants.resolve(slug, caller.subject());
    boolean visible =
        resolution.isPresent()
            && !resolution.get().roles().isEmpty()
            && (resolution.get().status() == TenantStatus.ACTIVE
                || resolution.get().status() == TenantStatus.SUSPENDED);
    if (!visible) {
      // Same answer whether the tenant is absent, being made, deleted, or the caller is not in it.
      deny(
          request,
          TenantId.PLATFORM,
          caller,
          "not a member of tenant '" + slug + "'",
          Problem.notFound("There is no tenant '" + slug + "' that you belong to."));
      return;
    }
    var found = resolution.get();
    if (!found.status().admitsAccess()) {
      deny(
          request,
          found.tenantId(),
          caller,
          "tenant suspended",
          Problem.of(
              403,
              "tenant-suspended",
              "Tenant suspended",
              "Tenant '" + slug + "' is suspended; ask your platform administrator."));
      return;
    }
    EnumSet<TenantRole> needed =
        wanted.isEmpty() ? EnumSet.allOf(TenantRole.class) : EnumSet.copyOf(wanted);
    if (found.roles().stream().noneMatch(needed::contains)) {
      deny(
          request,
          found.tenantId(),
          caller,
          "missing role, needs one of " + wireNames(needed),
          Problem.forbidden(
              "This needs one of the roles " + wireNames(needed) + " in tenant '" + slug + "'."));
      return;
    }
    context.enterTenant(new TenantAccess(found.tenantId(), slug, found.roles()));
    LogFields.put("tenant", slug);
    usage.countRequest(found.tenantId());
  }

  private void deny(
      ContainerRequestContext request,
      TenantId chain,
      Caller caller,
      String reason,
      Problem problem) {
    try {
      audit.appendInNewTransaction(
          chain,
          AuditEvent.denied(
              caller,
              "access.denied",
              request.getMethod() + " " + request.getUriInfo().getPath(),
              context,
              Map.of("reason", reason)));
    } catch (RuntimeException e) {
      // Logged by the audit trail; the caller still gets the refusal, not a second error.
    }
    request.abortWith(problem.toResponse(context.requestId()));
  }

  private static String wireNames(Set<TenantRole> roles) {
    return roles.stream().map(TenantRole::wireName).sorted().toList().toString();
  }
}
