package io.millwright.server.plugins;

import io.millwright.plugin.api.PluginApi;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.BasePluginLoader;
import org.pf4j.DefaultPluginClasspath;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginStatusProvider;

/**
 * PF4J as the host uses it: plugins are loaded one folder at a time (never by scanning, never from
 * a zip PF4J would unpack itself), their enabled state lives in the database rather than in files
 * beside them, and each plugin's class loader has {@link PluginParentLoader} as parent.
 */
final class HostPluginManager extends DefaultPluginManager {

  HostPluginManager(Path runtimeFolder) {
    super(List.of(runtimeFolder));
    setSystemVersion(PluginApi.VERSION);
  }

  @Override
  protected PluginStatusProvider createPluginStatusProvider() {
    // Which plugins are on is decided by the host (installed_plugin.enabled) before loading.
    return new PluginStatusProvider() {
      @Override
      public boolean isPluginDisabled(String pluginId) {
        return false;
      }

      @Override
      public void disablePlugin(String pluginId) {}

      @Override
      public void enablePlugin(String pluginId) {}
    };
  }

  @Override
  protected PluginLoader createPluginLoader() {
    ClassLoader host = HostPluginManager.class.getClassLoader();
    return new BasePluginLoader(this, new DefaultPluginClasspath()) {
      @Override
      protected PluginClassLoader createPluginClassLoader(
          Path pluginPath, PluginDescriptor descriptor) {
        return new PluginClassLoader(pluginManager, descriptor, new PluginParentLoader(host));
      }
    };
  }
}
