package io.millwright.plugin.api.connector.kit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.connector.Connector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kit that passes everything proves nothing: a connector that skips records must fail it. */
class KitCatchesBrokenConnectorsTest {

  static class Forgetful extends ConnectorContract {
    final ListConnector connector = new ListConnector(true);
    int next;

    @Override
    protected Connector connector() {
      return connector;
    }

    @Override
    protected Map<String, String> workingConfig() {
      return Map.of("name", "orders", "token", "open-sesame");
    }

    @Override
    protected Map<String, String> unreachableConfig() {
      return Map.of("name", "orders", "token", "open-sesame");
    }

    @Override
    protected void addRecords(int count) {
      for (int i = 0; i < count; i++) {
        connector.rows.add(Integer.toString(next++));
      }
    }
  }

  @Test
  void aConnectorThatSkipsRecordsOnRepollFails() {
    assertThatThrownBy(() -> new Forgetful().pollingTheSameOffsetAgainReadsTheSameRecords())
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aConnectorThatLosesRecordsWhileResumingFails() {
    assertThatThrownBy(
            () -> new Forgetful().pollingResumesFromTheCommittedOffsetWithNothingLostOrRepeated())
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aCheckThatAcceptsABadTokenFails() {
    assertThatThrownBy(() -> new Forgetful().checkFailsClearlyWhenTheSourceCannotBeReached())
        .isInstanceOf(AssertionError.class);
  }
}
