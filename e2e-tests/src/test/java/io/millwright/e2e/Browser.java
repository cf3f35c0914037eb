package io.millwright.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Headless Debian Chromium, one fresh context (cookies) per person. */
final class Browser implements AutoCloseable {

  static final String BASE_URL = baseUrl();
  private final Playwright playwright;
  private final com.microsoft.playwright.Browser chromium;

  Browser() {
    try {
      Files.createDirectories(
          Path.of(System.getProperty("playwright.driver.tmpdir", "target/playwright-driver")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    playwright = Playwright.create();
    chromium =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of("/usr/bin/chromium"))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  /** A new person at a desktop (1280×800) or phone (390×844) screen. */
  Page newPerson(int width, int height) {
    BrowserContext context =
        chromium.newContext(
            new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale("en-GB"));
    context.setDefaultTimeout(30_000);
    Page page = context.newPage();
    FailureScreenshots.current = page;
    return page;
  }

  @Override
  public void close() {
    chromium.close();
    playwright.close();
  }

  private static String baseUrl() {
    String given = System.getenv("MILLWRIGHT_E2E_URL");
    if (given != null && !given.isBlank()) {
      return given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
    }
    String port = System.getenv().getOrDefault("MILLWRIGHT_HTTP_PORT", "9480");
    return "http://127.0.0.1:" + port;
  }
}
