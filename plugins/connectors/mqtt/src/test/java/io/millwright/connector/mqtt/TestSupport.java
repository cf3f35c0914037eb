package io.millwright.connector.mqtt;

import io.millwright.plugin.api.connector.kit.TestContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Small helpers the MQTT tests share. */
final class TestSupport {

  private TestSupport() {}

  static final MqttConnector CONNECTOR = new MqttConnector();

  /** A working configuration for the machine's broker plus the given overrides. */
  static Map<String, String> config(
      String protocol, String topics, String clientId, String... overrides) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("brokerUrl", Broker.URL);
    c.put("topics", topics);
    c.put("protocol", protocol);
    c.put("clientId", clientId);
    c.put("sessionExpiry", "10m");
    for (int i = 0; i < overrides.length; i += 2) {
      c.put(overrides[i], overrides[i + 1]);
    }
    return c;
  }

  static TestContext context(Map<String, String> config) {
    return new TestContext(CONNECTOR.descriptor(), config);
  }

  /** Waits for a condition, polling; false when the timeout passed first. */
  static boolean await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Waits until a count stops growing for {@code quiet}, at most {@code max}; returns it. */
  static int awaitSettled(java.util.function.IntSupplier count, Duration quiet, Duration max)
      throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    int last = count.getAsInt();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      Thread.sleep(50);
      int now = count.getAsInt();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      } else if (System.nanoTime() - lastChange > quiet.toNanos()) {
        break;
      }
    }
    return last;
  }
}
