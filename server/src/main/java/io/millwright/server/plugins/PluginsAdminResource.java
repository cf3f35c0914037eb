package io.millwright.server.plugins;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.PlatformAdminOnly;
import io.millwright.server.security.RequestContext;
import io.millwright.server.tenants.Tenant;
import io.millwright.server.tenants.TenantNotFoundException;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The platform admin's plugin API: list, install, upgrade, switch off and on, uninstall, and choose
 * per tenant. Archives are checked (structure, size, signature by a trusted key, plugin API
 * version) and trial-loaded before anything is stored; every change takes effect on every node
 * without a restart.
 */
@Path("admin/plugins")
@RequestScoped
@PlatformAdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class PluginsAdminResource {

  @Inject PluginHost host;
  @Inject PluginChanges changes;
  @Inject AuditTrail audit;
  @Inject TenantRegistry registry;
  @Inject RequestContext context;

  @GET
  @Operation(
      summary =
          "Plugins on this platform: shipped and installed, loaded, failed (with the reason) or"
              + " switched off, with the connectors each provides.")
  public Map<String, Object> list() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", host.plugins());
    json.put("unloadedClassLoadersInMemory", host.unloadedClassLoadersInMemory());
    return json;
  }

  @POST
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary =
          "Install a plugin archive (zip) signed by a trusted key: header"
              + " Millwright-Plugin-Signature: <key id>:<base64 Ed25519 signature>. 201; 409 when"
              + " installed already (upgrade with PUT); 422 when refused, with the reason.")
  public Response install(
      @HeaderParam(PluginSignatures.HEADER) String signature, InputStream body) {
    PluginArchive archive = receive(body, signature, "plugin.install");
    if (changes.isInstalled(archive.manifest().id())) {
      throw new ProblemException(
          Problem.conflict(
              "Plugin "
                  + archive.manifest().id()
                  + " is installed already; send the new version with PUT /api/admin/plugins/"
                  + archive.manifest().id()
                  + " to upgrade it."));
    }
    return Response.status(201).entity(store(archive, signature, "plugin.install")).build();
  }

  @PUT
  @Path("{id}")
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  @Operation(
      summary =
          "Upgrade (or replace) an installed plugin with a new signed archive; connections using"
              + " it are stopped, switched to the new version and started again.")
  public PluginStatus upgrade(
      @PathParam("id") String id,
      @HeaderParam(PluginSignatures.HEADER) String signature,
      InputStream body) {
    PluginArchive archive = receive(body, signature, "plugin.upgrade");
    if (!archive.manifest().id().equals(id)) {
      throw refused(
          "plugin.upgrade",
          id,
          "the archive is plugin '" + archive.manifest().id() + "', not '" + id + "'");
    }
    return store(archive, signature, "plugin.upgrade");
  }

  @POST
  @Path("{id}/disable")
  @Operation(summary = "Switch an installed plugin off on every node; its connections pause.")
  public PluginStatus disable(@PathParam("id") String id) {
    return switchTo(id, false);
  }

  @POST
  @Path("{id}/enable")
  @Operation(summary = "Switch an installed plugin back on.")
  public PluginStatus enable(@PathParam("id") String id) {
    return switchTo(id, true);
  }

  @DELETE
  @Path("{id}")
  @Operation(
      summary =
          "Uninstall a plugin installed through this API (shipped plugins cannot be removed, only"
              + " switched off per tenant).")
  public Response uninstall(@PathParam("id") String id) {
    if (!changes.delete(id, context.requireCaller(), context)) {
      throw new ProblemException(
          host.isBundled(id)
              ? Problem.conflict(
                  "Plugin " + id + " ships with Millwright and cannot be uninstalled.")
              : Problem.notFound("No installed plugin " + id + "."));
    }
    host.sync();
    return Response.noContent().build();
  }

  @PUT
  @Path("tenants/{slug}/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Allow or forbid one tenant a plugin: {\"enabled\": true}. Shipped plugins are allowed"
              + " and installed ones forbidden until chosen.")
  public Map<String, Object> chooseForTenant(
      @PathParam("slug") String slug, @PathParam("id") String id, JsonObject body) {
    if (body == null
        || !body.containsKey("enabled")
        || body.get("enabled").getValueType() != jakarta.json.JsonValue.ValueType.TRUE
            && body.get("enabled").getValueType() != jakarta.json.JsonValue.ValueType.FALSE) {
      throw new ProblemException(Problem.invalidFields(Map.of("enabled", "true or false")));
    }
    if (!host.isKnown(id)) {
      throw new ProblemException(Problem.notFound("No plugin " + id + " on this platform."));
    }
    Tenant tenant = registry.findLive(slug).orElseThrow(() -> new TenantNotFoundException(slug));
    boolean enabled = body.getBoolean("enabled");
    changes.chooseForTenant(tenant.id(), id, enabled, context.requireCaller(), context);
    return Map.of("tenant", slug, "plugin", id, "enabled", enabled);
  }

  private PluginStatus switchTo(String id, boolean enabled) {
    if (!changes.setEnabled(id, enabled, context.requireCaller(), context)) {
      throw new ProblemException(
          host.isBundled(id)
              ? Problem.conflict(
                  "Plugin " + id + " ships with Millwright; switch it off per tenant instead.")
              : Problem.notFound("No installed plugin " + id + "."));
    }
    host.sync();
    return status(id);
  }

  private PluginArchive receive(InputStream body, String signature, String action) {
    byte[] bytes;
    try {
      long limit = host.limits().maxArchiveBytes();
      bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw new ProblemException(
            Problem.of(
                413,
                "plugin-too-large",
                "Plugin archive too large",
                "A plugin archive may be at most " + limit + " bytes."));
      }
    } catch (IOException e) {
      throw new ProblemException(Problem.badRequest("The archive could not be read to its end."));
    }
    try {
      PluginArchive archive = PluginArchive.check(bytes, host.limits());
      host.verify(archive, signature);
      host.trial(archive);
      return archive;
    } catch (PluginRefusedException e) {
      throw refused(action, "archive " + PluginArchive.sha256(bytes), e.getMessage());
    }
  }

  private PluginStatus store(PluginArchive archive, String signature, String action) {
    String signer = host.verify(archive, signature);
    changes.save(archive, signer, action, context.requireCaller(), context);
    host.sync();
    return status(archive.manifest().id());
  }

  private PluginStatus status(String id) {
    return host.plugins().stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new ProblemException(Problem.notFound("No plugin " + id + ".")));
  }

  /** A refusal is audited (on the platform chain) even though nothing changed. */
  private ProblemException refused(String action, String target, String reason) {
    Caller caller = context.requireCaller();
    audit.appendInNewTransaction(
        TenantId.PLATFORM,
        AuditEvent.denied(caller, action, target, context, Map.of("reason", reason)));
    return new ProblemException(Problem.of(422, "plugin-refused", "Plugin refused", reason));
  }
}
