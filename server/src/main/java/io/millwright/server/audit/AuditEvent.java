package io.millwright.server.audit;

import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import java.util.Map;
import java.util.TreeMap;

/**
 * Something to record: who did what to which target, with what outcome, from where. The chain
 * position, time and hashes are added by {@link AuditTrail} when it is appended.
 */
public record AuditEvent(
    String actor,
    ActorType actorType,
    String action,
    String target,
    Outcome outcome,
    String requestId,
    String sourceAddress,
    Map<String, Object> details) {

  public enum ActorType {
    USER,
    SERVICE,
    SYSTEM,
    ANONYMOUS
  }

  public enum Outcome {
    SUCCESS,
    DENIED,
    FAILURE
  }

  public AuditEvent {
    details = details == null ? Map.of() : new TreeMap<>(details);
  }

  /** The same event with one detail added or replaced. */
  public AuditEvent withDetail(String key, Object value) {
    Map<String, Object> more = new TreeMap<>(details);
    more.put(key, value);
    return new AuditEvent(
        actor, actorType, action, target, outcome, requestId, sourceAddress, more);
  }

  public static AuditEvent success(
      Caller caller,
      String action,
      String target,
      RequestContext request,
      Map<String, Object> details) {
    return of(caller, action, target, Outcome.SUCCESS, request, details);
  }

  public static AuditEvent denied(
      Caller caller,
      String action,
      String target,
      RequestContext request,
      Map<String, Object> details) {
    return of(caller, action, target, Outcome.DENIED, request, details);
  }

  public static AuditEvent failure(
      Caller caller,
      String action,
      String target,
      RequestContext request,
      Map<String, Object> details) {
    return of(caller, action, target, Outcome.FAILURE, request, details);
  }

  /** An action the platform took by itself (recovery, purge), with no person behind it. */
  public static AuditEvent system(String action, String target, Map<String, Object> details) {
    return new AuditEvent(
        "millwright", ActorType.SYSTEM, action, target, Outcome.SUCCESS, null, null, details);
  }

  private static AuditEvent of(
      Caller caller,
      String action,
      String target,
      Outcome outcome,
      RequestContext request,
      Map<String, Object> details) {
    return new AuditEvent(
        caller.displayName(),
        ActorType.USER,
        action,
        target,
        outcome,
        request.requestId(),
        request.sourceAddress(),
        details);
  }
}
