package io.millwright.connector.mqtt;

import org.junit.jupiter.api.AfterAll;

/** The connector contract over MQTT 5. */
class MqttV5ConnectorContractTest extends MqttContractTestBase {

  private static String usedClientId;

  @Override
  protected String protocol() {
    return "5";
  }

  @Override
  protected String clientId() {
    usedClientId = super.clientId();
    return usedClientId;
  }

  @AfterAll
  static void forgetSession() {
    if (usedClientId != null) {
      Broker.forgetSession(usedClientId);
    }
  }
}
