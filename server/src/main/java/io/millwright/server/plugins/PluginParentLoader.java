package io.millwright.server.plugins;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of every plugin's class loader: the JDK, PF4J, the plugin API and DJL, nothing else of
 * the host. DJL comes from the host because its PyTorch native library can be loaded by one class
 * loader only: two model plugins each bundling it, or one plugin reloaded, would fail to load it. A
 * plugin that reaches for {@code io.millwright.server}, Hibernate, Camel or the host's libraries
 * gets a {@link ClassNotFoundException}, so it can only use what its context gives it, and its own
 * copies of libraries never meet the host's.
 */
final class PluginParentLoader extends ClassLoader {

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader host;

  PluginParentLoader(ClassLoader host) {
    super("millwright-plugin-parent", ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  static boolean exposed(String name) {
    return name.startsWith("io.millwright.plugin.api.")
        || name.startsWith("org.pf4j.")
        || name.startsWith("ai.djl.");
  }

  private static boolean exposedResource(String path) {
    return path.startsWith("io/millwright/plugin/api/")
        || path.startsWith("org/pf4j/")
        || path.startsWith("ai/djl/")
        || path.startsWith("native/lib/"); // the PyTorch native library DJL extracts
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (exposed(name)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    return exposedResource(name) ? host.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return exposedResource(name) ? host.getResources(name) : Collections.emptyEnumeration();
  }
}
