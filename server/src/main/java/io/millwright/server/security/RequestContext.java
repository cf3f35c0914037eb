package io.millwright.server.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the edge learned about the current request, each part set exactly once: the request id, the
 * source address, the verified caller and, for tenant URLs, the resolved tenant. A second set is a
 * programming error and fails loudly rather than letting a request switch identity.
 */
@RequestScoped
public class RequestContext {

  private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

  private String requestId;
  private String sourceAddress;
  private Caller caller;
  private TenantAccess tenant;

  /** Takes the caller's X-Request-Id when it is well-formed, else makes one. */
  public void begin(String proposedRequestId, String sourceAddress) {
    if (this.requestId != null) {
      throw new IllegalStateException("request context already begun");
    }
    this.requestId =
        proposedRequestId != null && SAFE_REQUEST_ID.matcher(proposedRequestId).matches()
            ? proposedRequestId
            : UUID.randomUUID().toString();
    this.sourceAddress = sourceAddress;
  }

  public void authenticate(Caller verified) {
    if (this.caller != null) {
      throw new IllegalStateException("caller already set for this request");
    }
    this.caller = verified;
  }

  public void enterTenant(TenantAccess access) {
    if (this.tenant != null) {
      throw new IllegalStateException("tenant already set for this request");
    }
    this.tenant = access;
  }

  public String requestId() {
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
    }
    return requestId;
  }

  public String sourceAddress() {
    return sourceAddress;
  }

  public Optional<Caller> caller() {
    return Optional.ofNullable(caller);
  }

  /** The verified caller; only call below the authentication filter. */
  public Caller requireCaller() {
    if (caller == null) {
      throw new IllegalStateException("no authenticated caller in this request");
    }
    return caller;
  }

  /** The resolved tenant; only call from resources guarded by {@link TenantRoles}. */
  public TenantAccess requireTenant() {
    if (tenant == null) {
      throw new IllegalStateException("no tenant resolved for this request");
    }
    return tenant;
  }

  public Optional<TenantAccess> tenant() {
    return Optional.ofNullable(tenant);
  }
}
