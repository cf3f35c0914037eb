package io.millwright.e2e;

import com.microsoft.playwright.Page;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** On a failed step, saves what the browser showed to target/failures/ for the person debugging. */
final class FailureScreenshots implements TestWatcher {

  static volatile Page current;

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Page page = current;
    if (page != null && !page.isClosed()) {
      try {
        page.screenshot(
            new Page.ScreenshotOptions()
                .setPath(
                    Path.of(
                        "target",
                        "failures",
                        context.getDisplayName().replaceAll("[^A-Za-z0-9]", "") + ".png")));
        System.err.println("Failed at " + page.url());
      } catch (RuntimeException e) {
        System.err.println("No failure screenshot: " + e);
      }
    }
  }
}
