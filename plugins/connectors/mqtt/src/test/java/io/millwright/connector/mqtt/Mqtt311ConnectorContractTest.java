package io.millwright.connector.mqtt;

import org.junit.jupiter.api.AfterAll;

/** The connector contract over MQTT 3.1.1. */
class Mqtt311ConnectorContractTest extends MqttContractTestBase {

  private static String usedClientId;

  @Override
  protected String protocol() {
    return "3.1.1";
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
