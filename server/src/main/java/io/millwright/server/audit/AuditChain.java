package io.millwright.server.audit;

import io.millwright.tenancy.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The hash that links an audit entry to its predecessor: SHA-256 over the previous hash and every
 * field of the entry, each length-prefixed so that no two different entries encode alike. Times are
 * hashed at microsecond precision, which is what PostgreSQL stores.
 */
public final class AuditChain {

  /** The previous hash of the first entry of every chain. */
  public static final byte[] GENESIS = new byte[32];

  private AuditChain() {}

  public static Instant storablePrecision(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  public static byte[] hash(
      byte[] prevHash,
      TenantId tenant,
      long seq,
      UUID id,
      Instant occurredAt,
      String actor,
      String actorType,
      String action,
      String target,
      String outcome,
      String requestId,
      String sourceAddress,
      String details) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from this JVM", e);
    }
    sha.update(prevHash);
    field(sha, tenant.toString());
    field(sha, Long.toString(seq));
    field(sha, id.toString());
    field(sha, storablePrecision(occurredAt).toString());
    field(sha, actor);
    field(sha, actorType);
    field(sha, action);
    field(sha, target);
    field(sha, outcome);
    field(sha, requestId);
    field(sha, sourceAddress);
    field(sha, details);
    return sha.digest();
  }

  public static byte[] hash(AuditEntry e) {
    return hash(
        e.prevHash(),
        e.tenant(),
        e.seq(),
        e.id(),
        e.occurredAt(),
        e.actor(),
        e.actorType(),
        e.action(),
        e.target(),
        e.outcome(),
        e.requestId(),
        e.sourceAddress(),
        e.details());
  }

  private static void field(MessageDigest sha, String value) {
    if (value == null) {
      sha.update(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }
}
