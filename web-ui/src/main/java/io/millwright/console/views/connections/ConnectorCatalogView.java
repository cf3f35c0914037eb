package io.millwright.console.views.connections;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConnectorInfo;
import io.millwright.console.ports.ConnectorOption;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantConnections;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The connectors this tenant may use, one card each: what it reads, how (poll, stream, push), its
 * version and plugin, and the options a connection of it takes. Writers start the wizard from a
 * card with that connector chosen.
 */
@Route(value = "t/:slug/connectors", layout = MainLayout.class)
@PageTitle("Connector catalogue · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class ConnectorCatalogView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantConnections connections;

  @Inject
  public ConnectorCatalogView(TenantSwitchboard switchboard, TenantConnections connections) {
    this.switchboard = switchboard;
    this.connections = connections;
    setId("connector-catalog-view");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Guards.requireTenant(event, switchboard).ifPresent(this::show);
  }

  private void show(TenantChoice tenant) {
    removeAll();
    Anchor back = new Anchor("t/" + tenant.slug() + "/connections", "Back to connections");
    back.setId("catalog-back");
    add(new H2("Connector catalogue"), back);
    List<ConnectorInfo> connectors;
    try {
      connectors = connections.catalogue(tenant.slug());
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return;
    }
    if (connectors.isEmpty()) {
      Paragraph none =
          new Paragraph(
              "No connector is available to this tenant. Your tenant admin chooses plugins in"
                  + " Settings; the platform admin installs them.");
      none.setId("catalog-empty");
      add(none);
      return;
    }
    Div cards = new Div();
    cards.setId("connector-cards");
    cards
        .getStyle()
        .set("display", "flex")
        .set("flex-wrap", "wrap")
        .set("gap", "var(--lumo-space-m)");
    boolean writer = tenant.holdsAny(TenantConnections.WRITERS);
    connectors.forEach(c -> cards.add(card(tenant, c, writer)));
    add(cards);
  }

  private Component card(TenantChoice tenant, ConnectorInfo c, boolean writer) {
    Div card = new Div();
    card.setId("connector-card-" + ConnectionText.idPart(c.id()));
    card.addClassName("connector-card");
    card.getElement().setAttribute("data-connector", c.id());
    card.getStyle()
        .set("flex", "1 1 22rem")
        .set("max-width", "36rem")
        .set("padding", "var(--lumo-space-m)")
        .set("border", "1px solid var(--lumo-contrast-20pct)")
        .set("border-radius", "var(--lumo-border-radius-l)");
    H3 title = new H3(c.name());
    title.getStyle().set("margin-top", "0");
    Span meta =
        new Span(
            c.id()
                + " · version "
                + c.version()
                + " · plugin "
                + c.plugin()
                + " "
                + c.pluginVersion()
                + (c.bundled() ? " (ships with Millwright)" : " (installed)"));
    meta.addClassName("connector-meta");
    meta.getStyle()
        .set("color", "var(--lumo-secondary-text-color)")
        .set("font-size", "var(--lumo-font-size-s)");
    Div capabilities = new Div();
    capabilities.addClassName("connector-capabilities");
    for (String capability : c.capabilities()) {
      Span badge = new Span(ConnectionText.capability(capability));
      badge.getElement().getThemeList().add("badge");
      badge.getElement().setAttribute("data-capability", capability);
      badge.getStyle().set("margin-right", "var(--lumo-space-xs)");
      capabilities.add(badge);
    }
    card.add(title, meta, new Paragraph(c.description()), capabilities, options(c));
    if (writer) {
      Button connect =
          new Button(
              "Connect",
              e ->
                  getUI()
                      .ifPresent(
                          ui ->
                              ui.navigate(
                                  "t/" + tenant.slug() + "/connect",
                                  QueryParameters.of("connector", c.id()))));
      connect.setId("connect-with-" + ConnectionText.idPart(c.id()));
      connect.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
      card.add(connect);
    }
    return card;
  }

  private static Component options(ConnectorInfo c) {
    UnorderedList list = new UnorderedList();
    for (ConnectorOption o : c.options()) {
      List<String> notes = new ArrayList<>();
      if (ConnectorForm.mustBeGiven(o)) {
        notes.add("required");
      }
      if (o.secret()) {
        notes.add("secret");
      }
      if (o.defaultValue() != null && !o.defaultValue().isBlank()) {
        notes.add("default " + o.defaultValue());
      }
      if (!o.choices().isEmpty()) {
        notes.add("one of " + String.join(", ", o.choices()));
      }
      ListItem item =
          new ListItem(
              o.label()
                  + " ("
                  + o.name()
                  + ")"
                  + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
      item.getElement().setAttribute("title", o.help() == null ? "" : o.help());
      list.add(item);
    }
    Details details =
        new Details(c.options().size() + (c.options().size() == 1 ? " option" : " options"), list);
    details.addClassName("connector-options");
    return details;
  }
}
