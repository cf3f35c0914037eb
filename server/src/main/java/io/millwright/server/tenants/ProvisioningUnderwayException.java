package io.millwright.server.tenants;

/** An earlier provisioning attempt for the slug is still running or being rolled back. */
public class ProvisioningUnderwayException extends RuntimeException {
  public ProvisioningUnderwayException() {
    super("provisioning underway", null, false, false);
  }
}
