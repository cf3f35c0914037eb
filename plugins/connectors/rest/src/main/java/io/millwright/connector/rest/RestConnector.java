package io.millwright.connector.rest;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorContext;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.OptionType;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Reads JSON collections from the HTTP APIs of CRMs and portals with the JDK's HttpClient: page,
 * offset, cursor or Link-header pagination; API key, bearer token or OAuth2 client credentials;
 * optionally incremental by a field that grows. Keeps no state: each polling source owns its HTTP
 * client.
 */
@Extension
public class RestConnector implements Connector {

  static final int SAMPLE_RECORDS = 5;

  /** The test connection button should not keep a person waiting through every retry. */
  static final int CHECK_MAX_RETRIES = 2;

  private static final ConnectorDescriptor DESCRIPTOR =
      new ConnectorDescriptor(
          "rest",
          "1.0.0",
          "REST API (CRMs and portals)",
          "Reads a JSON collection from an HTTP API, such as the contacts of a CRM or the orders of"
              + " a portal, page by page (page number, offset, cursor or Link header), with an API"
              + " key, a bearer token or OAuth2 client credentials; optionally only the records"
              + " changed since the last run.",
          Set.of(Capability.POLL),
          List.of(
              ConfigOption.required(
                  RestSettings.URL,
                  "URL",
                  OptionType.URI,
                  "The collection's endpoint, e.g. https://crm.example.com/api/v2/contacts. Fixed"
                      + " query parameters may follow after '?'; the connector adds its paging"
                      + " parameters. Credentials go in the authentication options, not here."),
              ConfigOption.optional(
                  RestSettings.RECORDS_PATH,
                  "Records path",
                  OptionType.TEXT,
                  null,
                  "JSON pointer to the array of records in each response, e.g. /data or"
                      + " /result/items. Leave empty when the response itself is the array."),
              ConfigOption.choice(
                  RestSettings.PAGINATION,
                  "Pagination",
                  "none",
                  List.of("none", "page", "offset", "cursor", "link"),
                  "How the API pages the collection: none (one response holds everything), page"
                      + " (?page=1,2,3 with Page parameter and Page size), offset (?offset=0&limit="
                      + "100), cursor (each response names the next cursor at Cursor path) or link"
                      + " (a Link: <...>; rel=\"next\" header points to the next page)."),
              ConfigOption.optional(
                  RestSettings.PAGE_PARAM,
                  "Page parameter",
                  OptionType.TEXT,
                  "page",
                  "Page pagination: the query parameter with the page number, counted from 1,"
                      + " e.g. page."),
              ConfigOption.optional(
                  RestSettings.PAGE_SIZE_PARAM,
                  "Page size parameter",
                  OptionType.TEXT,
                  "per_page",
                  "Page pagination: the query parameter with the page size, e.g. per_page or"
                      + " pageSize; clear it if the API has a fixed page size (then set Page size"
                      + " to it)."),
              ConfigOption.optional(
                  RestSettings.PAGE_SIZE,
                  "Page size",
                  OptionType.INTEGER,
                  "100",
                  "Records per page (page and offset pagination), e.g. 100. At most what the API"
                      + " returns per page: a page with fewer records is taken as the last one."),
              ConfigOption.optional(
                  RestSettings.OFFSET_PARAM,
                  "Offset parameter",
                  OptionType.TEXT,
                  "offset",
                  "Offset pagination: the query parameter with the number of records to skip,"
                      + " e.g. offset or skip."),
              ConfigOption.optional(
                  RestSettings.LIMIT_PARAM,
                  "Limit parameter",
                  OptionType.TEXT,
                  "limit",
                  "Offset pagination: the query parameter with the number of records per page,"
                      + " e.g. limit or top."),
              ConfigOption.optional(
                  RestSettings.CURSOR_PATH,
                  "Cursor path",
                  OptionType.TEXT,
                  "/next_cursor",
                  "Cursor pagination: JSON pointer to the next page's cursor in each response,"
                      + " e.g. /next_cursor or /paging/next/after. Missing, null or empty means"
                      + " this was the last page."),
              ConfigOption.optional(
                  RestSettings.CURSOR_PARAM,
                  "Cursor parameter",
                  OptionType.TEXT,
                  "cursor",
                  "Cursor pagination: the query parameter the cursor is sent in, e.g. cursor or"
                      + " after."),
              ConfigOption.optional(
                  RestSettings.INCREMENTAL_FIELD,
                  "Incremental field",
                  OptionType.TEXT,
                  null,
                  "A record field that grows whenever a record is created or changed, e.g."
                      + " updated_at or meta.modified (nested fields with dots). Each run then"
                      + " reads only records newer than the highest value read so far. Leave"
                      + " empty for a collection that only grows at its end."),
              ConfigOption.optional(
                  RestSettings.SINCE_PARAM,
                  "Since parameter",
                  OptionType.TEXT,
                  null,
                  "The query parameter that asks the API for records changed since a value,"
                      + " e.g. updated_since; the highest Incremental field value read so far is"
                      + " sent in it. Without it every run reads the whole collection and keeps"
                      + " only the newer records."),
              ConfigOption.choice(
                  RestSettings.AUTH,
                  "Authentication",
                  "none",
                  List.of("none", "api-key", "bearer", "oauth2-client-credentials"),
                  "How requests are authenticated: none, api-key (a key in a header), bearer"
                      + " (Authorization: Bearer <token>) or oauth2-client-credentials (a token"
                      + " fetched from the token URL with a client id and secret)."),
              ConfigOption.optional(
                  RestSettings.API_KEY_HEADER,
                  "API key header",
                  OptionType.TEXT,
                  "X-API-Key",
                  "api-key: the header the key is sent in, e.g. X-API-Key or api_key."),
              ConfigOption.secret(
                  RestSettings.API_KEY,
                  "API key",
                  false,
                  "api-key: the key; stored encrypted and never shown again."),
              ConfigOption.secret(
                  RestSettings.TOKEN,
                  "Token",
                  false,
                  "bearer: the access token; stored encrypted and never shown again."),
              ConfigOption.optional(
                  RestSettings.TOKEN_URL,
                  "Token URL",
                  OptionType.URI,
                  null,
                  "oauth2-client-credentials: the token endpoint, e.g."
                      + " https://login.example.com/oauth2/token."),
              ConfigOption.optional(
                  RestSettings.CLIENT_ID,
                  "Client id",
                  OptionType.TEXT,
                  null,
                  "oauth2-client-credentials: the client id the API provider issued."),
              ConfigOption.secret(
                  RestSettings.CLIENT_SECRET,
                  "Client secret",
                  false,
                  "oauth2-client-credentials: the client secret; stored encrypted and never shown"
                      + " again."),
              ConfigOption.optional(
                  RestSettings.SCOPE,
                  "Scope",
                  OptionType.TEXT,
                  null,
                  "oauth2-client-credentials: the scopes to ask for, space-separated, e.g."
                      + " contacts.read; empty for the client's default."),
              ConfigOption.optional(
                  RestSettings.HEADERS,
                  "Headers",
                  OptionType.MULTILINE_TEXT,
                  null,
                  "Extra headers sent with every request, one 'Name: value' per line, e.g."
                      + " Accept-Language: en or X-Tenant: acme."),
              ConfigOption.optional(
                  RestSettings.TIMEOUT,
                  "Timeout",
                  OptionType.DURATION,
                  "30s",
                  "How long to wait for a connection and for an answer, e.g. 30s or 2m; a request"
                      + " not answered in time is retried."),
              ConfigOption.optional(
                  RestSettings.MAX_RETRIES,
                  "Max retries",
                  OptionType.INTEGER,
                  "5",
                  "How often a request that failed with a 5xx answer, 429 or a network error is"
                      + " tried again (with growing pauses, or as Retry-After asks) before the run"
                      + " fails and is retried later, e.g. 5; 0 to 20.")));

  private final Backoff backoff;
  private final Clock clock;

  public RestConnector() {
    this(Backoff.DEFAULT, Clock.systemUTC());
  }

  /**
   * With another backoff and clock, for tests that must not wait seconds between retries or for a
   * token to expire.
   */
  RestConnector(Backoff backoff, Clock clock) {
    this.backoff = backoff;
    this.clock = clock;
  }

  @Override
  public ConnectorDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ConnectionCheck check(ConnectorContext context) throws ConnectorException {
    RestSettings s = RestSettings.of(context.config());
    try (Http http =
        new Http(s, backoff, Math.min(s.maxRetries(), CHECK_MAX_RETRIES), context.log(), clock)) {
      Pages.Page page = new Pages(s, http).fetch(Position.start(s));
      Position start = Position.start(s);
      List<SourceRecord> sample = new ArrayList<>();
      boolean fieldSeen = false;
      int readable = 0;
      for (int i = 0; i < page.items().size(); i++) {
        SourceRecord r = Records.of(page.items().get(i), s.where(), start.where(), i);
        if (!r.isUnreadable()) {
          readable++;
          fieldSeen |= s.incremental() && r.values().get(s.incrementalField()) != null;
        }
        if (sample.size() < SAMPLE_RECORDS) {
          sample.add(r);
        }
      }
      if (s.incremental() && readable > 0 && !fieldSeen) {
        throw ConnectorException.configuration(
            "None of the "
                + readable
                + " records on the first page of "
                + s.where()
                + " has the incremental field "
                + s.incrementalField()
                + "; its fields are "
                + String.join(", ", firstFields(sample)));
      }
      int n = page.items().size();
      String summary =
          s.where()
              + ": "
              + n
              + (n == 1 ? " record" : " records")
              + (s.pagination() == RestSettings.Pagination.NONE
                  ? ""
                  : " on the first page" + (page.next() != null ? ", more pages follow" : ""))
              + (n - readable > 0 ? " (" + (n - readable) + " not a JSON object)" : "");
      return new ConnectionCheck(summary, sample);
    }
  }

  private static List<String> firstFields(List<SourceRecord> sample) {
    for (SourceRecord r : sample) {
      if (!r.isUnreadable()) {
        List<String> names = new ArrayList<>(r.values().keySet());
        return names.size() > 12 ? names.subList(0, 12) : names;
      }
    }
    return List.of();
  }

  @Override
  public PollingSource openPolling(ConnectorContext context) throws ConnectorException {
    return new RestPollingSource(RestSettings.of(context.config()), context, backoff, clock);
  }
}
