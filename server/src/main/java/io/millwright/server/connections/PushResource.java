package io.millwright.server.connections;

import io.millwright.plugin.api.connector.PushedRequest;
import io.millwright.server.connections.runtime.PushReceiver;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.SignedBySender;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The address outside systems push to (webhooks): no Keycloak token, the connection's connector
 * verifies the sender's signature. 202 when the records are committed, 200 for a delivery taken
 * before (senders retry; the second copy changes nothing), 401 when refused.
 */
@Path("push/{slug}/{connection}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PushResource {

  @Inject PushReceiver receiver;
  @Inject RequestContext context;
  @Context HttpHeaders headers;

  @Inject
  @ConfigProperty(name = "millwright.connections.push-max-bytes", defaultValue = "16777216")
  long maxBytes;

  @POST
  @SignedBySender
  @Operation(
      summary =
          "Deliver records to a push connection (webhook). Authenticated by the sender's"
              + " signature as the connection's connector defines it, not by a token. 202 with the"
              + " counts once committed; 200 with duplicate=true for a delivery id already taken;"
              + " 401 refused (signature, age), 404 no such push connection, 409 paused, 413 too"
              + " large.")
  public Response deliver(
      @PathParam("slug") String slug,
      @PathParam("connection") String connection,
      InputStream body) {
    UUID id;
    try {
      id = UUID.fromString(connection);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.notFound("There is no push connection " + connection));
    }
    PushedRequest request =
        new PushedRequest("POST", headers.getRequestHeaders(), read(body), Instant.now());
    PushReceiver.Received r = receiver.receive(context.requireTenant().tenantId(), id, request);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("delivery", r.deliveryId());
    json.put("duplicate", r.duplicate());
    json.put("records", r.records());
    if (r.upload() != null) {
      json.put("written", r.upload().rowsWritten());
      json.put("quarantined", r.upload().rowsQuarantined());
      json.put("deduplicated", r.upload().rowsDeduplicated());
      json.put("version", r.upload().snapshotId());
    }
    return Response.status(r.duplicate() ? 200 : 202).entity(json).build();
  }

  private byte[] read(InputStream body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16384];
    try (InputStream in = body) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
        if (out.size() > maxBytes) {
          throw new ProblemException(
              Problem.of(
                  413,
                  "delivery-too-large",
                  "Delivery too large",
                  "A delivery may carry at most " + maxBytes + " bytes; send smaller batches."));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
