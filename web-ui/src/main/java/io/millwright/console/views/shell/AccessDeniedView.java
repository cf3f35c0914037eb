package io.millwright.console.views.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.enterprise.context.Dependent;

/** Where a page the person may not open sends them: said plainly, with a way back. */
@Route(value = "denied", layout = MainLayout.class)
@PageTitle("Not allowed · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class AccessDeniedView extends VerticalLayout {

  public AccessDeniedView() {
    setId("access-denied");
    add(
        new H2("You cannot open this page"),
        new Paragraph(
            "Your roles do not include this page, or the tenant is not one you belong"
                + " to. Ask your tenant administrator if you need access."),
        new Anchor("", "Back to your home page"));
  }
}
