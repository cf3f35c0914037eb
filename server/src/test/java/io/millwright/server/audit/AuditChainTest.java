package io.millwright.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

  private final TenantId tenant = TenantId.random();
  private final UUID id = UUID.randomUUID();
  private final Instant time = Instant.parse("2026-11-29T10:00:00.123456789Z");

  private byte[] hash(String actor, String details, byte[] prev) {
    return AuditChain.hash(
        prev,
        tenant,
        1,
        id,
        time,
        actor,
        "USER",
        "member.add",
        "x@y.z",
        "SUCCESS",
        "req-1",
        "127.0.0.1",
        details);
  }

  @Test
  void isDeterministicAtStoredPrecision() {
    byte[] a = hash("alice", "{}", AuditChain.GENESIS);
    byte[] b =
        AuditChain.hash(
            AuditChain.GENESIS,
            tenant,
            1,
            id,
            Instant.parse("2026-11-29T10:00:00.123456Z"),
            "alice",
            "USER",
            "member.add",
            "x@y.z",
            "SUCCESS",
            "req-1",
            "127.0.0.1",
            "{}");
    assertThat(a).hasSize(32).isEqualTo(b);
  }

  @Test
  void anyChangedFieldOrPredecessorChangesTheHash() {
    byte[] base = hash("alice", "{}", AuditChain.GENESIS);
    byte[] otherPrev = new byte[32];
    otherPrev[0] = 1;
    assertThat(hash("mallory", "{}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(hash("alice", "{\"a\":1}", AuditChain.GENESIS)).isNotEqualTo(base);
    assertThat(hash("alice", "{}", otherPrev)).isNotEqualTo(base);
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    // "ab" + "c" must not hash like "a" + "bc": fields are length-prefixed.
    byte[] one =
        AuditChain.hash(
            AuditChain.GENESIS,
            tenant,
            1,
            id,
            time,
            "ab",
            "c",
            "x",
            "t",
            "SUCCESS",
            null,
            null,
            "{}");
    byte[] two =
        AuditChain.hash(
            AuditChain.GENESIS,
            tenant,
            1,
            id,
            time,
            "a",
            "bc",
            "x",
            "t",
            "SUCCESS",
            null,
            null,
            "{}");
    assertThat(Arrays.equals(one, two)).isFalse();
    // null and empty differ too
    byte[] empty =
        AuditChain.hash(
            AuditChain.GENESIS,
            tenant,
            1,
            id,
            time,
            "a",
            "bc",
            "x",
            "t",
            "SUCCESS",
            "",
            null,
            "{}");
    assertThat(empty).isNotEqualTo(two);
  }
}
