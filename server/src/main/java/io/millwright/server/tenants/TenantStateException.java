package io.millwright.server.tenants;

/** A lifecycle change that the tenant's current status does not allow; the message says why. */
public class TenantStateException extends IllegalStateException {
  public TenantStateException(String message) {
    super(message);
  }
}
