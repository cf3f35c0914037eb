package io.millwright.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignInServletTest {

  @ParameterizedTest
  @CsvSource({"t/acme/audit,t/acme/audit", "admin/tenants,admin/tenants", "'',''"})
  void returnsToConsolePages(String next, String expected) {
    assertThat(SignInServlet.safeReturn(next)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://evil.example/",
        "//evil.example",
        "/t/acme",
        "../etc",
        "t/acme?x=1",
        "javascript:alert(1)"
      })
  void neverRedirectsOffTheConsole(String next) {
    assertThat(SignInServlet.safeReturn(next)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/admin/tenants",
        "/login",
        "/oidc/callback",
        "/logout",
        "/VAADIN/build/x.js",
        "/styles/console.css"
      })
  void apiSignInAndStaticPathsPassUnguarded(String path) {
    assertThat(ConsoleFilter.passesUnguarded(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/admin/tenants",
        "/t/acme/members",
        "/apix",
        "/loginx",
        "/VAADIN/dynamic/resource/1/x/upload"
      })
  void consolePagesAreGuarded(String path) {
    assertThat(ConsoleFilter.passesUnguarded(path)).isFalse();
  }
}
