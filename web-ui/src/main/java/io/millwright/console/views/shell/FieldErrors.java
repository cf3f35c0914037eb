package io.millwright.console.views.shell;

import com.vaadin.flow.component.HasValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the platform's field problems ({@code name}, {@code dataset}, {@code config.url}, ...) on
 * the fields that show them, and hands back those no field shows so they can be said elsewhere.
 * Values are never touched: what the person typed stays. Shared by the console's forms.
 */
public final class FieldErrors {

  private final Map<String, HasValidation> fields = new LinkedHashMap<>();

  public void register(String key, HasValidation field) {
    fields.put(key, field);
  }

  /** Forgets the fields under a prefix, e.g. {@code config.} when the options form is replaced. */
  public void unregisterPrefix(String prefix) {
    fields.keySet().removeIf(k -> k.startsWith(prefix));
  }

  public void clear() {
    fields.values().forEach(f -> f.setInvalid(false));
  }

  /**
   * Marks each field with its problem.
   *
   * @return {@code key: message} for each problem without a field
   */
  public List<String> show(Map<String, String> errors) {
    List<String> unshown = new ArrayList<>();
    errors.forEach(
        (key, message) -> {
          HasValidation field = fields.get(key);
          if (field == null) {
            unshown.add(key + ": " + message);
          } else {
            field.setErrorMessage(message);
            field.setInvalid(true);
          }
        });
    return unshown;
  }
}
