package io.millwright.server.models.training;

import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Let the platform choose": the candidates an automatic run tries, in order, within its budget.
 * Every type that learns the task from these column kinds, first with its defaults, then with its
 * other network shapes (the setting that matters most for these types); the run keeps the candidate
 * with the best primary metric on the held-out rows.
 */
public final class AutoSearch {

  /** One model type with one set of hyperparameters, every one resolved. */
  public record Candidate(String modelType, Map<String, String> hyperParameters) {}

  private AutoSearch() {}

  /**
   * Whether the automatic search may try the type: it learns the task from these column kinds, and
   * it learns at all (a type that imports a person's trained file has nothing to search).
   */
  public static boolean fits(ModelTypeDescriptor d, Task task, Set<ColumnKind> kinds) {
    return !d.importsModel() && d.tasks().contains(task) && d.featureKinds().containsAll(kinds);
  }

  /**
   * @param max how many candidates at most (the budget also stops the search early)
   */
  public static List<Candidate> candidates(
      List<ModelTypeDescriptor> types, Task task, Set<ColumnKind> kinds, int max) {
    List<ModelTypeDescriptor> fitting =
        types.stream()
            .filter(d -> fits(d, task, kinds))
            .sorted(Comparator.comparing(ModelTypeDescriptor::id))
            .toList();
    List<Candidate> defaults = new ArrayList<>();
    List<Candidate> variants = new ArrayList<>();
    for (ModelTypeDescriptor d : fitting) {
      Map<String, String> base = new LinkedHashMap<>();
      d.hyperParameters().forEach(h -> base.put(h.name(), h.defaultValue()));
      defaults.add(new Candidate(d.id(), Map.copyOf(base)));
      HyperParameter shape = d.hyperParameter("hiddenLayers");
      if (shape != null && shape.type() == HyperParameter.Type.CHOICE) {
        for (String choice : shape.choices()) {
          if (!choice.equals(shape.defaultValue())) {
            Map<String, String> v = new LinkedHashMap<>(base);
            v.put(shape.name(), choice);
            variants.add(new Candidate(d.id(), Map.copyOf(v)));
          }
        }
      }
    }
    // Every type's defaults first, so a small budget still compares types; then the shapes,
    // spread over the types in turn.
    List<Candidate> all = new ArrayList<>(defaults);
    all.addAll(interleave(variants));
    return all.subList(0, Math.min(max, all.size()));
  }

  private static List<Candidate> interleave(List<Candidate> variants) {
    Map<String, List<Candidate>> byType = new LinkedHashMap<>();
    variants.forEach(c -> byType.computeIfAbsent(c.modelType(), k -> new ArrayList<>()).add(c));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; out.size() < variants.size(); i++) {
      for (List<Candidate> list : byType.values()) {
        if (i < list.size()) {
          out.add(list.get(i));
        }
      }
    }
    return out;
  }
}
