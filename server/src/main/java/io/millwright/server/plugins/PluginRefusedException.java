package io.millwright.server.plugins;

/** A plugin archive that must not be loaded, with the reason in words an admin can act on. */
public class PluginRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PluginRefusedException(String message) {
    super(message);
  }

  public PluginRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
