package io.millwright.server.glossary;

import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** A tenant's glossary over HTTP: every member reads, data engineers and admins define. */
@Path("tenants/{slug}/glossary")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GlossaryResource {

  @Inject Glossary glossary;
  @Inject RequestContext context;
  @jakarta.ws.rs.core.Context UriInfo uri;

  @GET
  @TenantRoles
  @Operation(summary = "The tenant's glossary terms, by name.")
  public Map<String, Object> list(@PathParam("slug") String slug) {
    return Map.of(
        "items",
        glossary.list(context.requireTenant().tenantId()).stream()
            .map(GlossaryResource::json)
            .toList());
  }

  @GET
  @Path("{term}")
  @TenantRoles
  @Operation(summary = "One glossary term.")
  public Map<String, Object> get(@PathParam("slug") String slug, @PathParam("term") String term) {
    return json(
        glossary
            .find(context.requireTenant().tenantId(), term)
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.notFound("The glossary has no term '" + term + "'."))));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Define a term: name, definition, data type, unit, allowed values.")
  public Response define(@PathParam("slug") String slug, TermDefinition definition) {
    GlossaryTerm made =
        glossary.define(
            context.requireTenant().tenantId(), definition, context.requireCaller(), context);
    return Response.created(uri.getAbsolutePathBuilder().path(made.term()).build())
        .entity(json(made))
        .build();
  }

  @PUT
  @Path("{term}")
  @Consumes(MediaType.APPLICATION_JSON)
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Change a term's definition, type, unit or allowed values.")
  public Map<String, Object> redefine(
      @PathParam("slug") String slug, @PathParam("term") String term, TermDefinition definition) {
    return json(
        glossary.redefine(
            context.requireTenant().tenantId(),
            term,
            definition,
            context.requireCaller(),
            context));
  }

  @DELETE
  @Path("{term}")
  @TenantRoles({TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(summary = "Remove a term.")
  public Response remove(@PathParam("slug") String slug, @PathParam("term") String term) {
    glossary.remove(context.requireTenant().tenantId(), term, context.requireCaller(), context);
    return Response.noContent().build();
  }

  private static Map<String, Object> json(GlossaryTerm t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("term", t.term());
    m.put("definition", t.definition());
    m.put("dataType", t.dataType().wireName());
    if (t.unit() != null) {
      m.put("unit", t.unit());
    }
    m.put("allowedValues", t.allowedValues());
    m.put("createdAt", t.createdAt().toString());
    m.put("createdBy", t.createdBy());
    m.put("updatedAt", t.updatedAt().toString());
    m.put("version", t.version());
    return m;
  }
}
