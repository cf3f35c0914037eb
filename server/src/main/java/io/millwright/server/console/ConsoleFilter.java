package io.millwright.server.console;

import io.millwright.console.ports.SignedInUser;
import io.millwright.server.platform.logging.LogFields;
import io.millwright.server.security.RequestContext;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Guards the console: a page request without a signed-in person is sent to sign in (and back to the
 * page afterwards); a signed-in person becomes the request's caller, so console actions are audited
 * with the same actor, request id and source address as API calls. The REST API, the sign-in
 * endpoints and Vaadin's static resources pass untouched.
 */
@WebFilter(urlPatterns = "/*")
public class ConsoleFilter extends HttpFilter {

  @Inject RequestContext context;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (passesUnguarded(path)) {
      chain.doFilter(request, response);
      return;
    }
    SignedInUser user = ConsoleSessions.user(request.getSession(false));
    if (user == null) {
      if (request.getParameter("v-r") != null) {
        // A Vaadin request of a page whose session has ended: Vaadin tells the person and
        // reloads, which lands here again as a page request.
        chain.doFilter(request, response);
        return;
      }
      if (request.getSession(false) != null) {
        request.getSession(false).invalidate(); // lapsed sign-in: start clean
      }
      String next = SignInServlet.safeReturn(path.startsWith("/") ? path.substring(1) : path);
      response.sendRedirect(
          request.getContextPath() + "/login" + (next.isEmpty() ? "" : "?next=" + next));
      return;
    }
    context.begin(request.getHeader("X-Request-Id"), request.getRemoteAddr());
    context.authenticate(ConsoleSessions.caller(user));
    LogFields.put("requestId", context.requestId());
    LogFields.put("user", user.subject());
    try {
      chain.doFilter(request, response);
    } finally {
      LogFields.remove("requestId");
      LogFields.remove("user");
      LogFields.remove("tenant");
    }
  }

  static boolean passesUnguarded(String path) {
    return path.startsWith("/api/")
        || path.equals("/api")
        || path.equals("/login")
        || path.startsWith("/oidc/")
        || path.equals("/logout")
        // Static bundle files only: /VAADIN/dynamic/ serves uploads and downloads on behalf of a
        // person, so it needs their sign-in like any page.
        || (path.startsWith("/VAADIN/") && !path.startsWith("/VAADIN/dynamic/"))
        || path.startsWith("/styles/")
        || path.equals("/favicon.ico")
        || path.equals("/sw.js")
        || path.equals("/sw-runtime-resources-precache.js")
        || path.equals("/manifest.webmanifest")
        || path.startsWith("/icons/")
        || path.equals("/offline.html");
  }
}
