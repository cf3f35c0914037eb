package io.millwright.server.models;

import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantRoles;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Uploads of trained model files to import (bring your own TorchScript): the body is the file, its
 * id goes into a training run's {@code modelFile}.
 */
@Path("tenants/{slug}/model-files")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelFilesResource {

  @Inject ModelFiles files;
  @Inject RequestContext context;

  @POST
  @Consumes(MediaType.WILDCARD)
  @TenantRoles({TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN})
  @Operation(
      summary =
          "Upload a trained model file to import (the body is the file, e.g. a TorchScript .pt;"
              + " ?name= for display). 201 with {id, bytes, sha256}; pass the id as a training"
              + " run's modelFile with modelType torchscript. 413 over"
              + " millwright.models.max-file-bytes.")
  public Response upload(
      @PathParam("slug") String slug, @QueryParam("name") String name, InputStream body) {
    ModelFiles.ModelFile f =
        files.upload(
            context.requireTenant().tenantId(), name, body, context.requireCaller(), context);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", f.id());
    json.put("name", f.name());
    json.put("bytes", f.bytes());
    json.put("sha256", f.sha256());
    json.put("uploadedBy", f.uploadedBy());
    json.put("uploadedAt", f.uploadedAt());
    return Response.status(201).entity(json).build();
  }
}
