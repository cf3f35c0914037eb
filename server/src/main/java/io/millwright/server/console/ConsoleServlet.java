package io.millwright.server.console;

import com.vaadin.cdi.CdiVaadinServlet;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;

/**
 * The console's Vaadin servlet, declared rather than auto-registered for one reason: Vaadin 24.9
 * reads uploads with the servlet API's {@code getParts()}, which Liberty refuses ("SRVE8020E:
 * Servlet does not accept multipart requests") unless the servlet carries a multipart
 * configuration. Parts above 1 MiB are spooled to disk by Liberty, not held in memory; the largest
 * part matches the dataset upload limit.
 */
@WebServlet(urlPatterns = "/*", asyncSupported = true, loadOnStartup = 1)
@MultipartConfig(fileSizeThreshold = 1 << 20, maxFileSize = 2147483648L, maxRequestSize = -1)
public class ConsoleServlet extends CdiVaadinServlet {
  private static final long serialVersionUID = 1L;
}
