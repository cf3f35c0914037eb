package io.millwright.server.console;

import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.tenants.TenantDirectory;
import io.millwright.server.tenants.keycloak.KeycloakDirectory;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tenant switcher's list comes from the person's Keycloak organizations (the mirror), each
 * confirmed against PostgreSQL (the authority), so a removed member never sees a stale tenant.
 */
@ApplicationScoped
public class ConsoleSwitchboard implements TenantSwitchboard {

  private static final Logger LOG = Logger.getLogger(ConsoleSwitchboard.class.getName());

  @Inject ConsoleCalls calls;
  @Inject KeycloakDirectory keycloak;
  @Inject TenantDirectory directory;

  @Override
  public List<TenantChoice> tenantsOfCurrentUser() {
    Caller caller = calls.caller();
    List<String> aliases;
    try {
      aliases = keycloak.organizationAliasesOf(caller.subject());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Tenant list unavailable: Keycloak did not answer", e);
      return List.of();
    }
    return aliases.stream()
        .map(
            slug ->
                directory
                    .resolve(slug, caller.subject())
                    .filter(r -> r.status() == TenantStatus.ACTIVE && !r.roles().isEmpty())
                    .map(r -> new TenantChoice(slug, r.name(), r.roles())))
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(TenantChoice::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  @Override
  public Optional<TenantChoice> enter(String slug, String page, TenantRole... roles) {
    try {
      TenantAccess access = calls.tenant(slug, "open " + page, roles);
      return Optional.of(new TenantChoice(access.slug(), access.name(), access.roles()));
    } catch (io.millwright.console.ports.ConsoleException | ProblemException refused) {
      return Optional.empty();
    }
  }

  @Override
  public boolean admitPlatformAdmin(String page) {
    try {
      calls.platformAdmin("open " + page);
      return true;
    } catch (io.millwright.console.ports.ConsoleException refused) {
      return false;
    }
  }
}
