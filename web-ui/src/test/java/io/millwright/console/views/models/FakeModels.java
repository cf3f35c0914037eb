package io.millwright.console.views.models;

import io.millwright.console.ports.JobsOverview;
import io.millwright.console.ports.ModelDetail;
import io.millwright.console.ports.ModelRow;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TrainingColumn;
import io.millwright.console.ports.TrainingDraft;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.ports.TrainingRunRow;
import java.util.List;

/** A models port for view tests: each test overrides what its view calls. */
class FakeModels implements TenantModels {

  @Override
  public List<ModelTypeInfo> types(String slug) {
    return List.of();
  }

  @Override
  public List<TrainingColumn> columns(String slug, String dataset) {
    return List.of();
  }

  @Override
  public TrainingRunDetail train(String slug, TrainingDraft draft) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<TrainingRunRow> runs(String slug, int limit) {
    return List.of();
  }

  @Override
  public TrainingRunDetail run(String slug, String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public TrainingRunDetail cancel(String slug, String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public List<ModelRow> models(String slug) {
    return List.of();
  }

  @Override
  public ModelDetail model(String slug, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ModelDetail promote(String slug, String name, int version, String reason) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ModelDetail rollback(String slug, String name) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ModelDetail approve(String slug, String name, String requestId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ModelDetail reject(String slug, String name, String requestId, String note) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ModelDetail requireSecondApprover(String slug, String name, boolean required) {
    throw new UnsupportedOperationException();
  }

  @Override
  public String uploadModelFile(String slug, String fileName, java.io.InputStream content) {
    throw new UnsupportedOperationException();
  }

  @Override
  public JobsOverview jobs(String slug) {
    throw new UnsupportedOperationException();
  }
}
