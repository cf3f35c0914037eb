package io.millwright.server.connections;

import io.millwright.server.connections.runtime.IngestionRuntime;
import io.millwright.server.connections.runtime.LiveStatus;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * A connection's changes as the API and the console make them: {@link Connections} stores and
 * audits each in its own transaction, then this node's runtime is brought in line (a route started,
 * restarted or stopped). Deliberately not transactional, so the runtime reads what was committed.
 */
@ApplicationScoped
public class ConnectionControl {

  @Inject Connections connections;
  @Inject IngestionRuntime runtime;

  /** Creates a connection; its route starts at once. */
  public Connection create(
      TenantId tenant, ConnectionSpec spec, Caller caller, RequestContext context) {
    Connection made = connections.create(tenant, spec, caller, context);
    runtime.refresh(made.tenant(), made.id());
    return made;
  }

  /** Changes a connection; its route restarts with the new configuration. */
  public Connection update(
      TenantId tenant, String name, ConnectionSpec spec, Caller caller, RequestContext context) {
    Connection changed = connections.update(tenant, name, spec, caller, context);
    runtime.refresh(changed.tenant(), changed.id());
    return changed;
  }

  /** Stops the route (its batch in flight ends first), then deletes the connection and its runs. */
  public void delete(TenantId tenant, String name, Caller caller, RequestContext context) {
    UUID id = connections.stored(tenant, name).connection().id();
    runtime.undeploy(id);
    connections.delete(tenant, name, caller, context);
    runtime.refresh(tenant, id);
  }

  public Connection pause(TenantId tenant, String name, Caller caller, RequestContext context) {
    Connection c = connections.pause(tenant, name, null, caller, context);
    runtime.refresh(c.tenant(), c.id());
    return c;
  }

  public Connection resume(TenantId tenant, String name, Caller caller, RequestContext context) {
    Connection c = connections.resume(tenant, name, caller, context);
    runtime.refresh(c.tenant(), c.id());
    return c;
  }

  /**
   * Starts a run of a polled connection now; the request is audited, the run itself is on the
   * connection's runs.
   *
   * @throws ProblemException 409 when it is paused, streaming or pushed, already running, or its
   *     connector is not loaded
   */
  public Connection runNow(TenantId tenant, String name, Caller caller, RequestContext context) {
    Connection c = connections.get(tenant, name);
    if (!c.active()) {
      throw new ProblemException(
          Problem.conflict("Connection " + name + " is paused; resume it first."));
    }
    if (c.schedule().kind() == Schedule.Kind.STREAM || c.schedule().kind() == Schedule.Kind.PUSH) {
      throw new ProblemException(
          Problem.conflict(
              "Connection "
                  + name
                  + " is a "
                  + c.schedule().text()
                  + "; it has no runs to start."));
    }
    if (!runtime.runNow(c.id())) {
      throw new ProblemException(
          Problem.conflict(
              "Connection "
                  + name
                  + " cannot start a run now: a run is in progress, or its connector is not"
                  + " loaded ("
                  + runtime.status(c.id()).state()
                  + ")."));
    }
    connections.auditRunRequest(tenant, name, caller, context);
    return c;
  }

  /** What the connection is doing on this node right now. */
  public LiveStatus status(Connection c) {
    return runtime.status(c.id());
  }
}
