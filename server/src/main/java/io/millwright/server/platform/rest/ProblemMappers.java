package io.millwright.server.platform.rest;

import io.millwright.server.security.RequestContext;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into problem+json. Known problems keep their status; framework errors
 * (unknown route, wrong method, unreadable JSON) get a readable detail; anything else is a 500
 * whose body carries only the request id to quote, while the log carries the cause.
 */
@Provider
public class ProblemMappers implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

  @Inject RequestContext request;

  @Override
  public Response toResponse(Throwable error) {
    Problem problem = toProblem(error);
    return problem.toResponse(request.requestId());
  }

  private Problem toProblem(Throwable error) {
    Throwable cause = unwrap(error);
    if (cause instanceof ProblemException p) {
      return p.problem();
    }
    if (cause instanceof JsonbException || cause instanceof jakarta.ws.rs.ProcessingException) {
      return Problem.badRequest("The body is not valid JSON for this operation.");
    }
    if (cause instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return switch (status) {
        case 404 ->
            web.getCause() != null
                ? Problem.badRequest("A path or query parameter does not have the expected form.")
                : Problem.notFound("There is nothing at this address.");
        case 405 ->
            Problem.of(
                405,
                "method-not-allowed",
                "Method not allowed",
                "This address does not accept this HTTP method.");
        case 415 ->
            Problem.of(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "Send the body as application/json.");
        case 406 ->
            Problem.of(
                406,
                "not-acceptable",
                "Not acceptable",
                "This address cannot answer in the requested media type.");
        default ->
            status >= 500
                ? internal(cause)
                : Problem.of(
                    status,
                    "http-" + status,
                    "Request refused",
                    "The request was refused with HTTP status " + status + ".");
      };
    }
    return internal(cause);
  }

  private Problem internal(Throwable cause) {
    LOG.log(Level.SEVERE, "Unhandled error in request " + request.requestId(), cause);
    return Problem.of(
        500,
        "internal-error",
        "Internal error",
        "Something went wrong on our side. Quote the request id when you report it.");
  }

  private static Throwable unwrap(Throwable error) {
    Throwable current = error;
    for (int depth = 0; depth < 10 && current != null; depth++) {
      if (current instanceof ProblemException || current instanceof JsonbException) {
        return current;
      }
      if (current instanceof WebApplicationException web
          && (web.getCause() == null || web.getResponse().getStatus() == 404)) {
        // JAX-RS answers a parameter it cannot convert with a 404 carrying the cause.
        return current;
      }
      boolean wrapper =
          current instanceof RollbackException
              || current instanceof jakarta.transaction.TransactionalException
              || current.getClass().getName().startsWith("org.jboss.resteasy")
              || current instanceof WebApplicationException;
      if (!wrapper || current.getCause() == null) {
        return current;
      }
      current = current.getCause();
    }
    return error;
  }
}
