package io.millwright.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.StreamingSource;
import io.millwright.plugin.api.connector.kit.CollectingSink;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host unloads plugins; a thread the plugin leaves running pins its class loader (and every
 * class in it) forever. Loads the plugin in its own class loader as PF4J does, opens, streams,
 * checks and closes, then looks for threads tied to the plugin and for the loader being collected.
 */
class NoThreadLeftBehindTest {

  private static final List<String> CLIENT_IDS = new CopyOnWriteArrayList<>();

  @AfterAll
  static void forgetSessions() {
    Broker.forgetSessions(CLIENT_IDS);
  }

  /** Plugin classes and Paho from its own jars first, the API and the JDK from the parent. */
  static final class PluginLoader extends URLClassLoader {
    PluginLoader(URL[] urls, ClassLoader parent) {
      super("mqtt-plugin", urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.millwright.connector.mqtt.")
          && !name.startsWith("org.eclipse.paho.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

  private static URL locationOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }

  private static List<Thread> threadsOf(ClassLoader plugin, Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !before.contains(t))
        .filter(
            t ->
                t.getContextClassLoader() == plugin
                    || t.getName().startsWith("MQTT")
                    || t.getName().startsWith("millwright-mqtt"))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "3.1.1"})
  void openStreamCheckAndCloseLeaveNoThreadAndTheLoaderIsCollectable(String protocol)
      throws Exception {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
    WeakReference<ClassLoader> loaderRef = runInOwnLoader(protocol, before);

    for (int i = 0; i < 50 && loaderRef.get() != null; i++) {
      System.gc();
      Thread.sleep(100);
    }
    assertThat(loaderRef.get()).as("the plugin's class loader can be unloaded").isNull();
  }

  private WeakReference<ClassLoader> runInOwnLoader(String protocol, Set<Thread> before)
      throws Exception {
    PluginLoader plugin =
        new PluginLoader(
            new URL[] {
              locationOf(MqttConnector.class),
              locationOf(org.eclipse.paho.mqttv5.client.MqttAsyncClient.class),
              locationOf(org.eclipse.paho.client.mqttv3.MqttAsyncClient.class)
            },
            getClass().getClassLoader());
    Connector connector =
        (Connector)
            plugin.loadClass(MqttConnector.class.getName()).getDeclaredConstructor().newInstance();
    assertThat(connector.getClass().getClassLoader()).isSameAs(plugin);

    String prefix = Broker.uniquePrefix("threads");
    String clientId = Broker.uniqueClientId();
    CLIENT_IDS.add(clientId);
    Map<String, String> config = TestSupport.config(protocol, prefix + "/#", clientId);
    ClassLoader hostLoader = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(plugin); // as a host calling into a plugin may
    try {
      StreamingSource source = connector.openStreaming(TestSupport.context(config));
      CollectingSink sink = new CollectingSink();
      source.start(sink);
      Broker.publish(prefix + "/s", "{\"a\":1}", "{\"a\":2}", "{\"a\":3}");
      assertThat(sink.awaitRecords(3, Duration.ofSeconds(15))).hasSize(3);
      assertThat(threadsOf(plugin, before)).as("the client runs while open").isNotEmpty();
      ConnectionCheck check = connector.check(TestSupport.context(config));
      assertThat(check.summary()).contains("subscribed to " + prefix + "/#");
      source.close();
      sink.acknowledgeAll(); // after close: ignored, and must not start anything
    } finally {
      Thread.currentThread().setContextClassLoader(hostLoader);
    }

    List<Thread> left = threadsOf(plugin, before);
    assertThat(left)
        .as("threads left behind: " + left.stream().map(Thread::getName).toList())
        .isEmpty();
    plugin.close();
    return new WeakReference<>(plugin);
  }
}
