package io.millwright.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.TenantTransforms;
import io.millwright.console.ports.TransformDraft;
import io.millwright.console.ports.TransformRow;
import io.millwright.server.datasets.Transform;
import io.millwright.server.datasets.TransformsResource;
import io.millwright.server.platform.jobs.Timetable;
import io.millwright.server.security.TenantRoles;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleTransformsTest {

  private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

  private static Set<?> roles(Method method) {
    return Set.of(method.getAnnotation(TenantRoles.class).value());
  }

  @Test
  void theConsoleAdmitsTheRolesTheTransformsApiAdmits() throws NoSuchMethodException {
    Class<TransformsResource> api = TransformsResource.class;
    assertThat(TenantTransforms.WRITERS)
        .isEqualTo(roles(api.getMethod("define", String.class, Transform.Definition.class)))
        .isEqualTo(
            roles(api.getMethod("update", String.class, String.class, Transform.Definition.class)))
        .isEqualTo(roles(api.getMethod("remove", String.class, String.class)))
        .isEqualTo(roles(api.getMethod("run", String.class, String.class)));
    assertThat(roles(api.getMethod("list", String.class))).as("every member reads").isEmpty();
  }

  @Test
  void blanksAreLeftOutAndEverythingElseIsForThePlatformToJudge() {
    Transform.Definition d =
        ConsoleTransforms.definition(
            new TransformDraft("ignored", "", "  select 1  ", " ", "every 5s"), "daily");
    assertThat(d).isEqualTo(new Transform.Definition("daily", "", "select 1", null, "every 5s"));
  }

  @Test
  void aRowCarriesTheScheduleAsStoredAndHowItIsDoing() {
    Transform t =
        new Transform(
            "daily",
            "",
            "select 1",
            "daily_sales",
            Timetable.parse("every 15m", "", Duration.ZERO),
            AT,
            "Erin",
            AT,
            2,
            new Transform.Scheduling(
                "paused after 3 failed runs in a row; the last said: no table",
                3,
                new Transform.LastRun(AT, "failed", "no table", null),
                null));
    TransformRow row = ConsoleTransforms.row(t);
    assertThat(row.schedule()).isEqualTo("every PT15M");
    assertThat(row.paused()).isTrue();
    assertThat(row.lastRun()).isEqualTo(new TransformRow.LastRun(AT, "failed", "no table", null));
    assertThat(row.nextRunAt()).isNull();
  }
}
