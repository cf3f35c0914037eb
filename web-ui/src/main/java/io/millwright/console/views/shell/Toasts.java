package io.millwright.console.views.shell;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Readable notifications: errors stay until closed, successes fade. */
public final class Toasts {

  private Toasts() {}

  public static void error(String message) {
    Notification n = Notification.show(message, 8000, Notification.Position.TOP_CENTER);
    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
  }

  public static void success(String message) {
    Notification n = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
    n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
  }
}
