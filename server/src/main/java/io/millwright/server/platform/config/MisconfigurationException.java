package io.millwright.server.platform.config;

/** A setting is missing or wrong; start-up stops with a message that names it. */
public class MisconfigurationException extends RuntimeException {

  public MisconfigurationException(String setting, String problem) {
    super(
        "Millwright cannot start: setting "
            + setting
            + " (environment variable "
            + PlatformSettings.environmentName(setting)
            + ") "
            + problem);
  }
}
