package io.millwright.server.plugins;

import io.millwright.server.platform.persistence.DatabaseScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The plugins installed through the admin API, archives included (table installed_plugin). */
@ApplicationScoped
@Transactional
public class InstalledPlugins {

  /** One installed plugin; {@code archive} is null when listed without it. */
  public record Row(
      String id,
      String version,
      String requires,
      byte[] archive,
      String sha256,
      String signedBy,
      boolean enabled,
      Instant installedAt,
      String installedBy) {}

  @Inject DatabaseScope scope;

  public List<Row> list(boolean withArchives) {
    List<Row> rows = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement(
                      "select plugin_id, version, requires, "
                          + (withArchives ? "archive" : "null")
                          + ", sha256, signed_by, enabled, installed_at, installed_by"
                          + " from installed_plugin order by plugin_id");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              rows.add(read(rs));
            }
          }
        });
    return rows;
  }

  public Optional<Row> find(String id) {
    return list(false).stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** Inserts, or replaces the archive of, a plugin (an upgrade keeps it enabled or not). */
  public void save(PluginArchive archive, String signedBy, String actor) {
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into installed_plugin (plugin_id, version, requires, archive, sha256,"
                      + " signed_by, installed_by) values (?, ?, ?, ?, ?, ?, ?)"
                      + " on conflict (plugin_id) do update set version = excluded.version,"
                      + " requires = excluded.requires, archive = excluded.archive,"
                      + " sha256 = excluded.sha256, signed_by = excluded.signed_by,"
                      + " installed_at = now(), installed_by = excluded.installed_by")) {
            PluginManifest m = archive.manifest();
            s.setString(1, m.id());
            s.setString(2, m.version());
            s.setString(3, m.requires());
            s.setBytes(4, archive.bytes());
            s.setString(5, archive.sha256());
            s.setString(6, signedBy);
            s.setString(7, actor);
            s.executeUpdate();
          }
        });
  }

  public boolean setEnabled(String id, boolean enabled) {
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("update installed_plugin set enabled = ? where plugin_id = ?")) {
            s.setBoolean(1, enabled);
            s.setString(2, id);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] == 1;
  }

  public boolean delete(String id) {
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from installed_plugin where plugin_id = ?")) {
            s.setString(1, id);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] == 1;
  }

  private static Row read(ResultSet rs) throws java.sql.SQLException {
    Timestamp at = rs.getTimestamp(8);
    return new Row(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getBytes(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBoolean(7),
        at == null ? null : at.toInstant(),
        rs.getString(9));
  }
}
