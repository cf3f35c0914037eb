package io.millwright.plugin.api.model.kit;

import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.DataBatch;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelSignature;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Predictions;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingContext;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The smallest honest model type, for the kit's own tests: nearest class centroid over the numeric
 * features (missing values as the training mean), built in "epochs" over the training batches.
 * {@code lazy} makes it a cheat that always answers the first class it saw, which the kit must
 * catch.
 */
final class CentroidModelType implements ModelType {

  private final boolean lazy;

  CentroidModelType(boolean lazy) {
    this.lazy = lazy;
  }

  @Override
  public ModelTypeDescriptor descriptor() {
    return new ModelTypeDescriptor(
        "centroid",
        "1.0.0",
        "Nearest centroid",
        "Answers the class whose average row is nearest; numeric features only.",
        Set.of(Task.BINARY_CLASSIFICATION, Task.MULTICLASS_CLASSIFICATION),
        Set.of(ColumnKind.NUMBER),
        List.of(HyperParameter.integer("epochs", "Epochs", 4, 1, 50, "Passes over the data.")),
        false);
  }

  @Override
  public TrainedModel train(TrainingData data, TrainingContext context) throws ModelException {
    TrainingSpec spec = data.spec();
    List<String> numeric =
        spec.features().stream().filter(c -> c.kind().numeric()).map(Column::name).toList();
    int epochs = spec.intParameter("epochs");
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, Long> counts = new TreeMap<>();
    for (int epoch = 1; epoch <= epochs; epoch++) {
      if (context.cancelled()) {
        throw ModelException.cancelled();
      }
      sums.clear();
      counts.clear();
      for (DataBatch b : data.training()) {
        String[] labels = b.strings(spec.target().name());
        for (int r = 0; r < b.size(); r++) {
          double[] s = sums.computeIfAbsent(labels[r], k -> new double[numeric.size()]);
          for (int f = 0; f < numeric.size(); f++) {
            double v = b.numbers(numeric.get(f))[r];
            s[f] += Double.isNaN(v) ? 0 : v;
          }
          counts.merge(labels[r], 1L, Long::sum);
        }
      }
      context.epochDone(epoch, epochs, Map.of("classes", (double) sums.size()));
    }
    Map<String, double[]> centroids = new TreeMap<>();
    sums.forEach(
        (k, s) -> {
          double[] c = s.clone();
          for (int f = 0; f < c.length; f++) {
            c[f] /= counts.get(k);
          }
          centroids.put(k, c);
        });
    return new Centroids(spec.task(), spec.features(), spec.target(), numeric, centroids, lazy);
  }

  @Override
  public TrainedModel load(Path folder, Device device) throws ModelException {
    try {
      List<String> lines = Files.readAllLines(folder.resolve("centroids.tsv"));
      Task task = Task.valueOf(lines.get(0));
      String[] head = lines.get(1).split("\t");
      List<Column> features = new ArrayList<>();
      for (int i = 1; i < head.length; i++) {
        features.add(new Column(head[i], ColumnKind.NUMBER));
      }
      Map<String, double[]> centroids = new TreeMap<>();
      for (String line : lines.subList(2, lines.size())) {
        String[] cells = line.split("\t");
        double[] c = new double[cells.length - 1];
        for (int i = 1; i < cells.length; i++) {
          c[i - 1] = Double.parseDouble(cells[i]);
        }
        centroids.put(cells[0], c);
      }
      return new Centroids(
          task,
          features,
          new Column(head[0], ColumnKind.CATEGORY),
          features.stream().map(Column::name).toList(),
          centroids,
          lazy);
    } catch (IOException | RuntimeException e) {
      throw ModelException.failed("cannot read the centroids", e);
    }
  }

  private record Centroids(
      Task task,
      List<Column> features,
      Column target,
      List<String> numeric,
      Map<String, double[]> centroids,
      boolean lazy)
      implements TrainedModel {

    @Override
    public ModelSignature signature() {
      return new ModelSignature(task, features, target, List.copyOf(centroids.keySet()));
    }

    @Override
    public Predictions predict(DataBatch batch) {
      String[] labels = new String[batch.size()];
      double[] confidence = new double[batch.size()];
      for (int r = 0; r < batch.size(); r++) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (Map.Entry<String, double[]> c : centroids.entrySet()) {
          double d = 0;
          for (int f = 0; f < numeric.size(); f++) {
            double v = batch.numbers(numeric.get(f))[r];
            double diff = (Double.isNaN(v) ? c.getValue()[f] : v) - c.getValue()[f];
            d += diff * diff;
          }
          if (best == null || d < bestDistance) {
            best = c.getKey();
            bestDistance = d;
          }
          if (lazy) {
            break;
          }
        }
        labels[r] = best;
        confidence[r] = 1 / (1 + Math.sqrt(bestDistance));
      }
      return Predictions.labels(labels, confidence);
    }

    @Override
    public void save(Path folder) throws ModelException {
      StringBuilder out = new StringBuilder(task.name()).append('\n').append(target.name());
      numeric.forEach(n -> out.append('\t').append(n));
      out.append('\n');
      centroids.forEach(
          (k, c) -> {
            out.append(k);
            for (double v : c) {
              out.append('\t').append(v);
            }
            out.append('\n');
          });
      try {
        Files.writeString(folder.resolve("centroids.tsv"), out, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw ModelException.failed("cannot write the centroids", e);
      }
    }
  }
}
