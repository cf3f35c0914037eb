package io.millwright.server.tenants;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.platform.rest.QueryParams;
import io.millwright.server.security.Caller;
import io.millwright.server.security.PlatformAdminOnly;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The platform admin's tenant API. */
@Path("admin/tenants")
@RequestScoped
@PlatformAdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class TenantAdminResource {

  private static final Jsonb JSON = JsonbBuilder.create();

  @Inject TenantProvisioning provisioning;
  @Inject TenantLifecycle lifecycle;
  @Inject TenantRegistry registry;
  @Inject IdempotencyStore idempotency;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Provision a tenant: registry rows, data key, storage area, Keycloak"
              + " organization and first tenant-admin. 201 with Location; 400 bad input; 409 slug taken;"
              + " 503 rolled back (safe to retry).")
  public Response create(
      NewTenant request,
      @Parameter(description = "Repeat a call safely: the same key returns the same outcome")
          @HeaderParam("Idempotency-Key")
          String idempotencyKey) {
    Caller caller = context.requireCaller();
    String key = QueryParams.blankToNull(idempotencyKey);
    if (key != null && key.length() > 200) {
      throw new ProblemException(Problem.badRequest("Idempotency-Key is at most 200 characters."));
    }
    String requestHash = IdempotencyStore.hash(JSON.toJson(request));
    if (key != null) {
      Optional<IdempotencyStore.Outcome> earlier = idempotency.find(caller.subject(), key);
      if (earlier.isPresent()) {
        if (!earlier.get().requestHash().equals(requestHash)) {
          throw new ProblemException(
              Problem.of(
                  422,
                  "idempotency-key-reused",
                  "Idempotency-Key reused",
                  "This Idempotency-Key was used for a different request."
                      + " Use a new key for a new request."));
        }
        return Response.status(earlier.get().status())
            .location(
                earlier.get().location() == null ? null : URI.create(earlier.get().location()))
            .header("Idempotent-Replayed", "true")
            .entity(earlier.get().body())
            .type(MediaType.APPLICATION_JSON)
            .build();
      }
    }
    ProvisionedTenant made = provisioning.provision(request, caller, context);
    URI location = uri.getBaseUriBuilder().path("admin/tenants").path(made.tenant().slug()).build();
    Map<String, Object> body = TenantViews.detail(made.tenant(), 1);
    body.put("provisioning", "complete");
    Map<String, Object> admin = new LinkedHashMap<>();
    admin.put("email", made.tenant().adminEmail());
    admin.put("userId", made.adminUserId());
    admin.put("accountCreated", made.adminAccountCreated());
    if (key != null) {
      // Replays must not hand the credential out again; store the response without it.
      Map<String, Object> remembered = new LinkedHashMap<>(body);
      Map<String, Object> rememberedAdmin = new LinkedHashMap<>(admin);
      if (made.temporaryPassword() != null) {
        rememberedAdmin.put("temporaryPassword", "(shown once, in the first response)");
      }
      remembered.put("firstAdmin", rememberedAdmin);
      idempotency.remember(
          caller.subject(),
          key,
          new IdempotencyStore.Outcome(
              requestHash, 201, location.toString(), JSON.toJson(remembered)));
    }
    if (made.temporaryPassword() != null) {
      admin.put("temporaryPassword", made.temporaryPassword());
      admin.put("note", "The first admin must change this password at first sign-in.");
    }
    body.put("firstAdmin", admin);
    return Response.created(location).entity(body).build();
  }

  @GET
  @Operation(summary = "List tenants, oldest first, optionally by status and a search text.")
  public Map<String, Object> list(
      @QueryParam("status") String status,
      @QueryParam("q") String search,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    TenantStatus wanted = parseStatus(status);
    int p = QueryParams.bounded("page", QueryParams.integer("page", page), 0, 0, 1_000_000);
    int s = QueryParams.bounded("size", QueryParams.integer("size", size), 20, 1, 200);
    String q = QueryParams.blankToNull(search);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "items", registry.list(wanted, q, p * s, s).stream().map(TenantViews::summary).toList());
    body.put("page", p);
    body.put("size", s);
    body.put("total", registry.count(wanted, q));
    return body;
  }

  @GET
  @Path("{slug}")
  @Operation(summary = "One tenant with plan, quotas and member count.")
  public Map<String, Object> get(@PathParam("slug") String slug) {
    Tenant tenant =
        registry
            .findLive(slug)
            .filter(t -> t.status() != TenantStatus.PROVISIONING)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("There is no tenant '" + slug + "'.")));
    return TenantViews.detail(tenant, registry.memberCount(tenant.id()));
  }

  @PATCH
  @Path("{slug}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  @Operation(summary = "Change name, plan (resets quotas to the plan's) or quotas.")
  public Map<String, Object> update(
      @PathParam("slug") String slug, TenantLifecycle.TenantChanges changes) {
    Tenant t = lifecycle.update(slug, changes, context.requireCaller(), context);
    return TenantViews.detail(t, registry.memberCount(t.id()));
  }

  @POST
  @Path("{slug}/suspend")
  @Operation(summary = "Block every call of the tenant's members (403) until resumed.")
  public Map<String, Object> suspend(@PathParam("slug") String slug) {
    return TenantViews.summary(lifecycle.suspend(slug, context.requireCaller(), context));
  }

  @POST
  @Path("{slug}/resume")
  @Operation(summary = "Restore a suspended tenant.")
  public Map<String, Object> resume(@PathParam("slug") String slug) {
    return TenantViews.summary(lifecycle.resume(slug, context.requireCaller(), context));
  }

  @DELETE
  @Path("{slug}")
  @Operation(summary = "Revoke access now; purge data (crypto-shredding) after the grace period.")
  public Response delete(@PathParam("slug") String slug) {
    Tenant t = lifecycle.delete(slug, context.requireCaller(), context);
    Map<String, Object> body = TenantViews.summary(t);
    body.put("purgeAfter", t.purgeAfter().toString());
    return Response.status(202).entity(body).build();
  }

  private static TenantStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return TenantStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          Problem.badRequest(
              "'status' must be one of "
                  + Arrays.stream(TenantStatus.values()).map(s -> s.name().toLowerCase()).toList()
                  + "."));
    }
  }
}
