package io.millwright.server.tenants;

import io.millwright.server.platform.persistence.DatabaseScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the outcome of admin calls sent with an {@code Idempotency-Key}, per caller, so a
 * client that lost a response can repeat the call and get the same answer instead of a second
 * tenant. Only successful outcomes are kept: a failed call may simply be retried.
 */
@ApplicationScoped
@Transactional
public class IdempotencyStore {

  /** A remembered response. */
  public record Outcome(String requestHash, int status, String location, String body) {}

  @PersistenceContext(unitName = "millwright")
  EntityManager em;

  @Inject DatabaseScope scope;

  public Optional<Outcome> find(String caller, String key) {
    scope.enterPlatform();
    List<?> rows =
        em.createNativeQuery(
                "select request_hash, status, location, body from"
                    + " idempotency_record where caller = ?1 and key = ?2")
            .setParameter(1, caller)
            .setParameter(2, key)
            .getResultList();
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Object[] row = (Object[]) rows.get(0);
    return Optional.of(
        new Outcome(
            (String) row[0], ((Number) row[1]).intValue(), (String) row[2], (String) row[3]));
  }

  public void remember(String caller, String key, Outcome outcome) {
    scope.enterPlatform();
    em.createNativeQuery(
            "insert into idempotency_record (caller, key, request_hash, status,"
                + " location, body) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
        .setParameter(1, caller)
        .setParameter(2, key)
        .setParameter(3, outcome.requestHash())
        .setParameter(4, outcome.status())
        .setParameter(5, outcome.location())
        .setParameter(6, outcome.body())
        .executeUpdate();
  }

  /** Forgets outcomes older than the given time; clients retry within minutes, not days. */
  public int forgetBefore(java.time.Instant cutoff) {
    scope.enterPlatform();
    return em.createNativeQuery("delete from idempotency_record where created_at < ?1")
        .setParameter(1, java.time.OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
        .executeUpdate();
  }

  public static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
