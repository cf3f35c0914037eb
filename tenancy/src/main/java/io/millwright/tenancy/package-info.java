/**
 * The tenancy domain: who a tenant is (identifier, slug, status, plan, roles) and the envelope
 * encryption of its data key. Plain Java: depends on nothing but the JDK, so every module can carry
 * a {@link io.millwright.tenancy.TenantId} explicitly.
 */
package io.millwright.tenancy;
