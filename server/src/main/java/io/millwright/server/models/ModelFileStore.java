package io.millwright.server.models;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

/** Uploaded model files' records, in the tenant's row-level-security scope. */
@ApplicationScoped
@Transactional
public class ModelFileStore {

  @Inject DatabaseScope scope;

  /** A file's record with where it is stored. */
  record Row(ModelFiles.ModelFile file, String location) {}

  void insert(TenantId tenant, ModelFiles.ModelFile f, String location) {
    scope.enterTenant(tenant);
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "insert into model_file (tenant_id, file_id, name, location, sha256, bytes,"
                      + " uploaded_by) values (?, ?, ?, ?, ?, ?, ?)")) {
            TrainingRunStore.bind(
                s, tenant, f.id(), f.name(), location, f.sha256(), f.bytes(), f.uploadedBy());
            s.executeUpdate();
          }
        });
  }

  Row row(TenantId tenant, UUID id) {
    scope.enterTenant(tenant);
    Row[] found = new Row[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select file_id, name, sha256, bytes, uploaded_by, uploaded_at, location from"
                      + " model_file where tenant_id = ? and file_id = ?")) {
            TrainingRunStore.bind(s, tenant, id);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                found[0] =
                    new Row(
                        new ModelFiles.ModelFile(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant()),
                        rs.getString(7));
              }
            }
          }
        });
    return found[0];
  }
}
