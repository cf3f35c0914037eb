package io.millwright.server.console;

import io.millwright.console.ports.ConsoleException;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.security.TenantGate;
import io.millwright.server.usage.ApiUsageMeter;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * How the console's adapters act: as the request's caller, through the same gate as the API
 * (refusals audited), metered like API requests, and with problems turned into readable {@link
 * ConsoleException}s carrying the API's own messages.
 */
@ApplicationScoped
public class ConsoleCalls {

  @Inject RequestContext context;
  @Inject TenantGate gate;
  @Inject ApiUsageMeter usage;

  Caller caller() {
    return context.requireCaller();
  }

  RequestContext context() {
    return context;
  }

  /** Admits the caller to the tenant with one of the roles (any member if none given). */
  TenantAccess tenant(String slug, String what, TenantRole... roles) {
    TenantAccess access =
        readable(
            () ->
                gate.admit(caller(), slug, Set.of(roles), "console " + what + " " + slug, context));
    usage.countRequest(access.tenantId());
    return access;
  }

  void platformAdmin(String what) {
    readable(
        () -> {
          gate.admitPlatformAdmin(caller(), "console " + what, context);
          return null;
        });
  }

  /** Runs work, turning a problem into a console message (with the field errors, if any). */
  static <T> T readable(Supplier<T> work) {
    try {
      return work.get();
    } catch (ProblemException e) {
      Map<String, String> fields = new LinkedHashMap<>();
      Object errors = e.problem().extensions().get("errors");
      if (errors instanceof Map<?, ?> map) {
        map.forEach((k, v) -> fields.put(String.valueOf(k), String.valueOf(v)));
      }
      String detail = e.problem().detail() == null ? e.problem().title() : e.problem().detail();
      throw new ConsoleException(detail, fields);
    }
  }

  static void readable(Runnable work) {
    readable(
        () -> {
          work.run();
          return null;
        });
  }
}
