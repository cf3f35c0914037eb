package io.millwright.console.views.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.io.Serializable;

/**
 * A page's browser polling, kept while there is something that may still change and stopped when
 * there is not (or the page leaves), so an idle page costs no requests. The page says each time
 * whether to go on and how often; the poller owns the listener and the UI's interval.
 */
public final class Poller implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Runnable onPoll;
  private Registration listener;

  /**
   * @param onPoll what a poll from the browser does (fetch and show the latest)
   */
  public Poller(Runnable onPoll) {
    this.onPoll = onPoll;
  }

  /** Polls every {@code millis} from now on, or stops when {@code active} is false. */
  public void keep(UI ui, boolean active, int millis) {
    if (!active) {
      stop(ui);
      return;
    }
    if (listener == null) {
      listener = ui.addPollListener(e -> onPoll.run());
    }
    ui.setPollInterval(millis);
  }

  public void stop(UI ui) {
    if (listener != null) {
      listener.remove();
      listener = null;
      ui.setPollInterval(-1);
    }
  }
}
