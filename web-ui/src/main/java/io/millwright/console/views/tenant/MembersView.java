package io.millwright.console.views.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.Invitation;
import io.millwright.console.ports.MemberRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantMembers;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A tenant's members: tenant-admins invite, change roles and remove; auditors read. */
@Route(value = "t/:slug/members", layout = MainLayout.class)
@PageTitle("Members · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class MembersView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantMembers members;
  private final Grid<MemberRow> grid = new Grid<>(MemberRow.class, false);
  private TenantChoice tenant;

  @Inject
  public MembersView(TenantSwitchboard switchboard, TenantMembers members) {
    this.switchboard = switchboard;
    this.members = members;
    setId("members-view");
    grid.setId("members-grid");
    grid.addColumn(MemberRow::email).setHeader("E-mail").setAutoWidth(true).setFlexGrow(1);
    grid.addColumn(m -> roleNames(m.roles())).setHeader("Roles").setAutoWidth(true);
    grid.addColumn(m -> m.addedAt().toString().substring(0, 10)).setHeader("Since");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard, TenantRole.TENANT_ADMIN, TenantRole.AUDITOR)
        .ifPresent(this::show);
  }

  private void show(TenantChoice chosen) {
    tenant = chosen;
    removeAll();
    add(new H2("Members of " + tenant.name()));
    boolean admin = tenant.holdsAny(TenantRole.TENANT_ADMIN);
    if (admin) {
      add(inviteForm());
      grid.addComponentColumn(this::rowActions)
          .setHeader("Actions")
          .setAutoWidth(true)
          .setKey("actions");
    }
    add(grid);
    refresh();
  }

  private HorizontalLayout inviteForm() {
    EmailField email = new EmailField("E-mail of the person to invite");
    email.setId("invite-email");
    email.setWidth("18rem");
    MultiSelectComboBox<TenantRole> roles = rolePicker("Roles");
    roles.setId("invite-roles");
    Button invite =
        new Button(
            "Invite",
            e -> {
              try {
                Invitation result =
                    members.invite(tenant.slug(), email.getValue(), roles.getValue());
                email.clear();
                roles.clear();
                refresh();
                if (result.temporaryPassword() != null) {
                  showCredential(result);
                } else {
                  Toasts.success(
                      result.member().email() + " was added; they already had an account.");
                }
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    invite.setId("invite-button");
    invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout form = new HorizontalLayout(email, roles, invite);
    form.setAlignItems(FlexComponent.Alignment.BASELINE);
    form.setWrap(true);
    return form;
  }

  private void showCredential(Invitation result) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Invitation ready");
    TextField password = new TextField("Temporary password (shown once)");
    password.setId("invitation-password");
    password.setValue(result.temporaryPassword());
    password.setReadOnly(true);
    password.setWidthFull();
    dialog.add(
        new Paragraph(
            "Give "
                + result.member().email()
                + " this password; they choose"
                + " their own at first sign-in."),
        password);
    Button close = new Button("Done", e -> dialog.close());
    close.setId("invitation-done");
    dialog.getFooter().add(close);
    dialog.open();
  }

  private HorizontalLayout rowActions(MemberRow member) {
    Button roles = new Button("Roles", e -> editRoles(member));
    roles.addThemeVariants(ButtonVariant.LUMO_SMALL);
    roles.getElement().setAttribute("aria-label", "Change roles of " + member.email());
    Button remove = new Button("Remove", e -> confirmRemove(member));
    remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
    remove.getElement().setAttribute("aria-label", "Remove " + member.email());
    return new HorizontalLayout(roles, remove);
  }

  private void editRoles(MemberRow member) {
    Dialog dialog = new Dialog();
    dialog.setHeaderTitle("Roles of " + member.email());
    MultiSelectComboBox<TenantRole> picker = rolePicker("Roles");
    picker.setValue(member.roles());
    dialog.add(picker);
    Button save =
        new Button(
            "Save",
            e -> {
              try {
                members.changeRoles(tenant.slug(), member.userId(), picker.getValue());
                dialog.close();
                refresh();
                Toasts.success("Roles of " + member.email() + " changed.");
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
    dialog.open();
  }

  private void confirmRemove(MemberRow member) {
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Remove " + member.email() + "?",
            "They lose access to this tenant at once. Their account stays.",
            "Remove",
            e -> {
              try {
                members.remove(tenant.slug(), member.userId());
                refresh();
                Toasts.success(member.email() + " was removed.");
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }

  private void refresh() {
    try {
      grid.setItems(members.list(tenant.slug()));
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  static MultiSelectComboBox<TenantRole> rolePicker(String label) {
    MultiSelectComboBox<TenantRole> picker = new MultiSelectComboBox<>(label);
    picker.setItems(EnumSet.allOf(TenantRole.class));
    picker.setItemLabelGenerator(TenantRole::wireName);
    picker.setWidth("18rem");
    return picker;
  }

  static String roleNames(Set<TenantRole> roles) {
    return roles.stream().map(TenantRole::wireName).sorted().collect(Collectors.joining(", "));
  }
}
