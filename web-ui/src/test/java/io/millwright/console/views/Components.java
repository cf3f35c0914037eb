package io.millwright.console.views;

import com.vaadin.flow.component.Component;
import java.util.stream.Stream;

/**
 * Finds components of a view by id and says whether a person would see them; shared by the views'
 * unit tests.
 */
public final class Components {

  private Components() {}

  @SuppressWarnings("unchecked")
  public static <T extends Component> T find(Component root, String id) {
    return (T)
        descendants(root)
            .filter(c -> c.getId().orElse("").equals(id))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no component with id " + id));
  }

  public static boolean exists(Component root, String id) {
    return descendants(root).anyMatch(c -> c.getId().orElse("").equals(id));
  }

  public static Stream<Component> descendants(Component c) {
    return Stream.concat(Stream.of(c), c.getChildren().flatMap(Components::descendants));
  }

  public static boolean shown(Component c) {
    return c.isVisible() && c.getParent().map(Components::shown).orElse(true);
  }
}
