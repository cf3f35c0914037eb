package io.millwright.server.platform.startup;

import io.millwright.server.platform.config.MisconfigurationException;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.tenants.ProvisioningRecovery;
import io.millwright.server.tenants.TenantPurgeJob;
import io.millwright.server.usage.ApiUsageMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the start-up sequence in order. Any failure stops the application from starting (Liberty
 * reports it as failed) with a message naming what to fix; a half-started platform that answers
 * requests on a stale schema would be worse.
 */
@ApplicationScoped
public class PlatformStartup {

  private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

  @Inject PlatformSettings settings;
  @Inject DatabaseMigrations migrations;
  @Inject DatabaseRoleCheck roleCheck;
  @Inject MasterKeyCheck masterKeyCheck;
  @Inject ProvisioningRecovery provisioningRecovery;
  @Inject TenantPurgeJob purgeJob;
  @Inject io.millwright.server.datasets.DatasetStore datasetStore;
  @Inject io.millwright.server.datasets.StorageMeter storageMeter;
  @Inject ApiUsageMeter apiUsageMeter;
  @Inject io.millwright.server.plugins.PluginHost pluginHost;
  @Inject io.millwright.server.connections.runtime.IngestionRuntime ingestion;
  @Inject io.millwright.server.platform.jobs.JobEngine jobs;

  @Inject io.millwright.server.datasets.ScheduledMaintenance datasetMaintenance;

  @jakarta.annotation.Resource(lookup = "concurrent/millwright-scheduler")
  jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

  void onStart(@Observes Startup startup) {
    try {
      settings.issuer(); // forces reading and validating every setting before anything else
      Files.createDirectories(settings.dataDir());
      migrations.migrate();
      roleCheck.requireRestrictedApplicationRole();
      masterKeyCheck.requireKeyOpensStoredTenantKeys();
      provisioningRecovery.compensateInterruptedProvisioning();
      int interrupted = datasetStore.interruptRunningUploads(settings.nodeId());
      if (interrupted > 0) {
        LOG.warning(
            () ->
                interrupted
                    + " dataset upload(s) were cut off by the last stop; marked interrupted");
      }
      purgeJob.schedule();
      apiUsageMeter.schedule();
      storageMeter.schedule();
      datasetMaintenance.schedule();
      pluginHost.start();
      // Other nodes' plugin installs and upgrades arrive through the database.
      scheduler.scheduleWithFixedDelay(
          this::syncPlugins, 60, 60, java.util.concurrent.TimeUnit.SECONDS);
      ingestion.start();
      jobs.start();
      LOG.info(
          () ->
              "Millwright started on node "
                  + settings.nodeId()
                  + ", data in "
                  + settings.dataDir());
    } catch (IOException e) {
      LOG.log(
          Level.SEVERE,
          "Millwright cannot start: the data directory "
              + settings.dataDir()
              + " (setting millwright.data-dir) cannot be created",
          e);
      throw new IllegalStateException("data directory not writable", e);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, startupProblem(e), e);
      throw e;
    }
  }

  private void syncPlugins() {
    try {
      pluginHost.sync();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Plugin sync failed; retried in a minute", e);
    }
  }

  /** The message to show: a misconfiguration's own words, wherever the container wrapped it. */
  static String startupProblem(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof MisconfigurationException
          || (t.getMessage() != null && t.getMessage().startsWith("Millwright cannot start"))) {
        return t.getMessage();
      }
    }
    return "Millwright cannot start: " + error;
  }
}
