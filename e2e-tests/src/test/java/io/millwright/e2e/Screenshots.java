package io.millwright.e2e;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/** Saves each main page as a PNG under docs/screenshots/ (committed, shown in the README). */
final class Screenshots {

  private Screenshots() {}

  static void take(Page page, String name) {
    String folder = System.getenv().getOrDefault("MILLWRIGHT_SCREENSHOTS", "target/screenshots");
    page.waitForLoadState();
    page.screenshot(
        new Page.ScreenshotOptions().setPath(Path.of(folder, name + ".png")).setFullPage(false));
  }
}
