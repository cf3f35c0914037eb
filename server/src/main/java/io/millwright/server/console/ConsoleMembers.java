package io.millwright.server.console;

import io.millwright.console.ports.Invitation;
import io.millwright.console.ports.MemberRow;
import io.millwright.console.ports.TenantMembers;
import io.millwright.server.members.MemberAdministration;
import io.millwright.server.members.TenantMember;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/** Members in the console, through the same administration service as the API. */
@ApplicationScoped
public class ConsoleMembers implements TenantMembers {

  @Inject ConsoleCalls calls;
  @Inject MemberAdministration members;

  @Override
  public List<MemberRow> list(String slug) {
    TenantAccess tenant =
        calls.tenant(slug, "list members", TenantRole.TENANT_ADMIN, TenantRole.AUDITOR);
    return members.list(tenant).stream().map(ConsoleMembers::row).toList();
  }

  @Override
  public Invitation invite(String slug, String email, Set<TenantRole> roles) {
    TenantAccess tenant = calls.tenant(slug, "invite member", TenantRole.TENANT_ADMIN);
    MemberAdministration.Invited invited =
        ConsoleCalls.readable(
            () ->
                members.invite(
                    tenant,
                    email,
                    MemberAdministration.wire(roles),
                    calls.caller(),
                    calls.context()));
    return new Invitation(row(invited.member()), invited.temporaryPassword());
  }

  @Override
  public void changeRoles(String slug, String userId, Set<TenantRole> roles) {
    TenantAccess tenant = calls.tenant(slug, "change roles", TenantRole.TENANT_ADMIN);
    ConsoleCalls.readable(
        () ->
            members.changeRoles(
                tenant, userId, MemberAdministration.wire(roles), calls.caller(), calls.context()));
  }

  @Override
  public void remove(String slug, String userId) {
    TenantAccess tenant = calls.tenant(slug, "remove member", TenantRole.TENANT_ADMIN);
    ConsoleCalls.readable(() -> members.remove(tenant, userId, calls.caller(), calls.context()));
  }

  private static MemberRow row(TenantMember m) {
    return new MemberRow(m.userId(), m.email(), m.roles(), m.addedAt(), m.addedBy());
  }
}
