package io.millwright.server.tenants;

/** Another live tenant already has this slug. */
public class SlugTakenException extends RuntimeException {
  public SlugTakenException(String slug) {
    super("slug '" + slug + "' is taken", null, false, false);
  }
}
