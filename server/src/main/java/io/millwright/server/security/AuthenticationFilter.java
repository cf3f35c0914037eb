package io.millwright.server.security;

import io.millwright.server.platform.logging.LogFields;
import io.millwright.server.platform.rest.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Logger;

/**
 * The first wall: every API request carries a verified Keycloak bearer token or is answered 401.
 * Also begins the request context (request id, source address), which is echoed as {@code
 * X-Request-Id} and added to every log record of the request.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class.getName());
  static final String REQUEST_ID = "X-Request-Id";

  @Inject RequestContext context;
  @Inject BearerTokenVerifier verifier;
  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    context.begin(request.getHeaderString(REQUEST_ID), servletRequest.getRemoteAddr());
    LogFields.put("requestId", context.requestId());

    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null && SignedBySender.PATHS.matcher(request.getUriInfo().getPath()).matches()) {
      return; // a pushed delivery: its connector verifies the sender's signature
    }
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(request, "Send an Authorization: Bearer <token> header with a Keycloak access token.");
      return;
    }
    try {
      context.authenticate(verifier.verify(header.substring(7).trim()));
      LogFields.put("user", context.requireCaller().subject());
    } catch (BearerTokenVerifier.InvalidTokenException e) {
      LOG.info(
          () -> "Refused a bearer token from " + context.sourceAddress() + ": " + e.getMessage());
      refuse(request, e.getMessage());
    }
  }

  private void refuse(ContainerRequestContext request, String detail) {
    request.abortWith(withChallenge(Problem.unauthorized(detail).toResponse(context.requestId())));
  }

  private static jakarta.ws.rs.core.Response withChallenge(jakarta.ws.rs.core.Response response) {
    return jakarta.ws.rs.core.Response.fromResponse(response)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millwright\"")
        .build();
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(REQUEST_ID, context.requestId());
    LogFields.remove("requestId");
    LogFields.remove("user");
    LogFields.remove("tenant");
  }
}
