package io.millwright.console.views.datasets;

import static io.millwright.console.views.Components.descendants;
import static io.millwright.console.views.Components.exists;
import static io.millwright.console.views.Components.find;
import static io.millwright.console.views.Components.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantTransforms;
import io.millwright.console.ports.TransformDraft;
import io.millwright.console.ports.TransformRow;
import io.millwright.console.ports.TransformRunOutcome;
import io.millwright.tenancy.TenantRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transforms page against a fake port: who sees what, and that nothing typed is lost. */
class TransformsViewTest {

  static final TenantChoice ENGINEER =
      new TenantChoice("acme", "Acme", Set.of(TenantRole.DATA_ENGINEER));
  static final TenantChoice ANALYST = new TenantChoice("acme", "Acme", Set.of(TenantRole.ANALYST));

  static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");
  static final String REASON =
      "paused after 3 failed runs in a row; the last said: Table with name orders does not exist";

  static TransformRow transform(String name, String schedule, String pausedReason) {
    return new TransformRow(
        name,
        "Sales per day",
        "select day, sum(amount) from orders group by day",
        "daily_sales",
        schedule,
        pausedReason,
        pausedReason == null ? 0 : 3,
        new TransformRow.LastRun(
            AT, pausedReason == null ? "succeeded" : "failed", "12 rows written", null),
        pausedReason == null && !schedule.equals("manual") ? AT.plusSeconds(900) : null,
        AT,
        "Erin",
        AT,
        1);
  }

  private final List<TransformRow> rows = new ArrayList<>();
  private final List<String> savedAs = new ArrayList<>();
  private final List<TransformDraft> sent = new ArrayList<>();
  private ConsoleException refusal;
  private TransformsView view;

  @BeforeEach
  void openThePage() {
    UI.setCurrent(new UI()); // for the notifications
    view = new TransformsView(null, new Transforms());
  }

  @AfterEach
  void forgetTheUi() {
    UI.setCurrent(null);
  }

  @Test
  void aReaderSeesEveryTransformButNoWayToChangeOrRunIt() {
    rows.add(transform("daily", "every PT15M", null));
    view.show(ANALYST, "select 1");

    assertThat(exists(view, "transform-new")).isFalse();
    assertThat(exists(view, "transform-save")).isFalse();
    assertThat(exists(view, "transform-run")).isFalse();
    assertThat(exists(view, "transform-delete")).isFalse();
    assertThat(shown(find(view, "transform-editor")))
        .as("a query from the workbench starts nothing for a reader")
        .isFalse();

    view.open("daily");
    assertThat(shown(find(view, "transform-editor"))).isTrue();
    TextArea query = find(view, "transform-query");
    assertThat(query.getValue()).isEqualTo("select day, sum(amount) from orders group by day");
    assertThat(query.isReadOnly()).isTrue();
    assertThat(this.<TextField>field("transform-schedule").getValue()).isEqualTo("every 15m");
    assertThat(this.<TextField>field("transform-schedule").isReadOnly()).isTrue();
    assertThat(this.<TextField>field("transform-target").isReadOnly()).isTrue();
    assertThat(this.<Span>field("transform-last-run").getText())
        .isEqualTo("Last run: succeeded 2026-11-30 08:00:00 UTC · 12 rows written");
  }

  @Test
  void aQueryFromTheWorkbenchStartsANewTransformAndARefusalKeepsWhatWasTyped() {
    rows.add(transform("daily", "manual", null));
    view.show(ENGINEER, "select * from orders");

    TextField name = find(view, "transform-name");
    TextArea query = find(view, "transform-query");
    TextField schedule = find(view, "transform-schedule");
    assertThat(query.getValue()).isEqualTo("select * from orders");
    assertThat(name.isReadOnly()).isFalse();
    assertThat(shown(find(view, "transform-run"))).as("nothing saved to run yet").isFalse();

    name.setValue("orders_copy");
    this.<TextField>field("transform-target").setValue("orders_copy");
    query.setValue("select * from orders where amount > 0");
    schedule.setValue("every 5s");
    refusal =
        new ConsoleException(
            "Some fields are not valid.", Map.of("schedule", "must be at least every 1m"));

    this.<Button>field("transform-save").click();

    assertThat(savedAs).containsExactly((String) null);
    assertThat(sent)
        .containsExactly(
            new TransformDraft(
                "orders_copy",
                "",
                "select * from orders where amount > 0",
                "orders_copy",
                "every 5s"));
    assertThat(schedule.isInvalid()).isTrue();
    assertThat(schedule.getErrorMessage()).isEqualTo("must be at least every 1m");
    assertThat(schedule.getValue()).isEqualTo("every 5s");
    assertThat(query.getValue()).isEqualTo("select * from orders where amount > 0");
    assertThat(name.getValue()).isEqualTo("orders_copy");
    assertThat(query.isInvalid()).isFalse();
  }

  @Test
  void anExistingTransformKeepsItsNameAndIsSavedUnderIt() {
    rows.add(transform("daily", "every PT1H", null));
    view.show(ENGINEER, null);
    view.open("daily");

    TextField name = find(view, "transform-name");
    assertThat(name.isReadOnly()).isTrue();
    assertThat(shown(find(view, "transform-run"))).isTrue();
    assertThat(shown(find(view, "transform-delete"))).isTrue();
    this.<TextField>field("transform-schedule").setValue("cron 0 6 * * 1-5 Europe/Berlin");

    this.<Button>field("transform-save").click();

    assertThat(savedAs).containsExactly("daily");
    assertThat(sent.get(0).schedule()).isEqualTo("cron 0 6 * * 1-5 Europe/Berlin");
    assertThat(this.<TextField>field("transform-schedule").isInvalid()).isFalse();
  }

  @Test
  void aPausedScheduleShowsItsReasonOnTheBadge() {
    rows.add(transform("daily", "every PT15M", REASON));
    view.show(ENGINEER, null);
    view.open("daily");

    Span badge = find(view, "transform-paused");
    assertThat(shown(badge)).isTrue();
    assertThat(badge.getText())
        .isEqualTo(
            "Paused after 3 failed runs in a row; the last said: Table with name orders does not"
                + " exist");
    assertThat(this.<Span>field("transform-next-run").isVisible()).isTrue();
    assertThat(this.<Span>field("transform-next-run").getText())
        .isEqualTo("Next run: none while paused");

    Component cell = TransformsView.state(rows.get(0));
    assertThat(descendants(cell).filter(Span.class::isInstance).map(c -> ((Span) c).getText()))
        .containsExactly("paused", REASON);
  }

  @Test
  void aRunningScheduleHasNoPausedBadge() {
    rows.add(transform("daily", "every PT15M", null));
    view.show(ENGINEER, null);
    view.open("daily");
    assertThat(shown(find(view, "transform-paused"))).isFalse();
    assertThat(this.<Span>field("transform-next-run").getText())
        .isEqualTo("Next run: 2026-11-30 08:15:00 UTC");
  }

  private <T extends Component> T field(String id) {
    return find(view, id);
  }

  private final class Transforms implements TenantTransforms {
    @Override
    public List<TransformRow> list(String slug) {
      return List.copyOf(rows);
    }

    @Override
    public TransformRow save(String slug, String existing, TransformDraft draft) {
      savedAs.add(existing);
      sent.add(draft);
      if (refusal != null) {
        throw refusal;
      }
      TransformRow before =
          rows.stream().filter(r -> r.name().equals(existing)).findFirst().orElseThrow();
      return before;
    }

    @Override
    public TransformRunOutcome runNow(String slug, String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String slug, String name) {
      throw new UnsupportedOperationException();
    }
  }
}
