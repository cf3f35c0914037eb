package io.millwright.server.platform.logging;

import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts name/value pairs into Liberty's JSON log records (as {@code ext_<name>}) through Liberty's
 * {@code LogRecordContext} API. That API is Liberty's own and not on Maven Central, so it is
 * reached reflectively; outside Liberty (unit tests) this quietly does nothing.
 */
public final class LogFields {

  private static final Logger LOG = Logger.getLogger(LogFields.class.getName());
  private static final Method ADD;
  private static final Method REMOVE;

  static {
    Method add = null;
    Method remove = null;
    try {
      Class<?> api = Class.forName("com.ibm.websphere.logging.hpel.LogRecordContext");
      add = api.getMethod("addExtension", String.class, String.class);
      remove = api.getMethod("removeExtension", String.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.log(Level.FINE, "LogRecordContext not available; no extra JSON log fields", e);
    }
    ADD = add;
    REMOVE = remove;
  }

  private LogFields() {}

  public static void put(String name, String value) {
    if (ADD != null && value != null) {
      try {
        ADD.invoke(null, name, value);
      } catch (ReflectiveOperationException e) {
        LOG.log(Level.FINE, "could not add log field " + name, e);
      }
    }
  }

  public static void remove(String name) {
    if (REMOVE != null) {
      try {
        REMOVE.invoke(null, name);
      } catch (ReflectiveOperationException e) {
        LOG.log(Level.FINE, "could not remove log field " + name, e);
      }
    }
  }
}
