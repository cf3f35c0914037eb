package io.millwright.tenancy;

import java.util.regex.Pattern;

/**
 * The human-chosen, URL-safe name of a tenant: 3 to 40 characters of lowercase letters, digits and
 * hyphens, starting with a letter or digit and not ending with a hyphen. It appears in every
 * tenant-scoped URL and is the alias of the tenant's Keycloak organization.
 */
public record TenantSlug(String value) {

  private static final Pattern FORM = Pattern.compile("[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])");

  /** What a person is told when a slug is refused; the API and the console show the same text. */
  public static final String RULE =
      "a slug is 3 to 40 characters of lowercase letters (a-z), digits and hyphens,"
          + " and starts and ends with a letter or digit";

  public TenantSlug {
    if (!isValid(value)) {
      throw new IllegalArgumentException(RULE);
    }
  }

  public static boolean isValid(String candidate) {
    return candidate != null && FORM.matcher(candidate).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
