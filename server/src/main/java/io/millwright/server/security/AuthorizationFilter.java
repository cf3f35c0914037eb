package io.millwright.server.security;

import io.millwright.server.platform.logging.LogFields;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.usage.ApiUsageMeter;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
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
  @Inject TenantGate gate;
  @Inject ApiUsageMeter usage;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    Class<?> type = resource.getResourceClass();
    if (method == null || type == null) {
      return; // unmatched: JAX-RS answers 404/405 itself
    }
    String attempt = request.getMethod() + " " + request.getUriInfo().getPath();
    if (method.isAnnotationPresent(SignedBySender.class)) {
      admitSender(request, attempt);
      return;
    }
    Caller caller = context.requireCaller();
    try {
      if (method.isAnnotationPresent(PlatformAdminOnly.class)
          || type.isAnnotationPresent(PlatformAdminOnly.class)) {
        gate.admitPlatformAdmin(caller, attempt, context);
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
      TenantAccess access = gate.admit(caller, slug, Set.of(roles.value()), attempt, context);
      context.enterTenant(access);
      LogFields.put("tenant", slug);
      usage.countRequest(access.tenantId());
    } catch (ProblemException refused) {
      request.abortWith(refused.problem().toResponse(context.requestId()));
    }
  }

  /** A signed delivery: the tenant must exist and admit access; the signature is checked later. */
  private void admitSender(ContainerRequestContext request, String attempt) {
    String slug = request.getUriInfo().getPathParameters().getFirst("slug");
    try {
      TenantAccess access = gate.admitSender(slug, attempt);
      context.enterTenant(access);
      LogFields.put("tenant", slug);
      usage.countRequest(access.tenantId());
    } catch (ProblemException refused) {
      request.abortWith(refused.problem().toResponse(context.requestId()));
    }
  }
}
