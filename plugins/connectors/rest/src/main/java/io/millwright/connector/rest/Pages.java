package io.millwright.connector.rest;

import io.millwright.connector.rest.RestSettings.Pagination;
import io.millwright.plugin.api.connector.ConnectorException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches one page of the collection: builds the request for a position, reads the records array
 * out of the JSON body, and works out the position of the next page from the answer (page and
 * offset: a full page means there may be more; cursor: the cursor at the cursor path; link: the
 * {@code rel="next"} Link header).
 */
final class Pages {

  /**
   * One page.
   *
   * @param items the elements of the records array, as parsed
   * @param next where the next page is, or null when this is the last
   */
  record Page(List<Object> items, Position next, URI uri) {}

  private final RestSettings s;
  private final Http http;

  Pages(RestSettings s, Http http) {
    this.s = s;
    this.http = http;
  }

  Page fetch(Position at) throws ConnectorException {
    URI uri = uri(at);
    Http.Response r = http.get(uri);
    String what = "GET " + Redact.uri(uri);
    Object document = parse(what, r);
    List<Object> items = records(what, document);
    return new Page(items, next(what, at, r, document, items), uri);
  }

  /** The request for a position: the configured URL with the mode's parameters, or a next link. */
  URI uri(Position at) {
    if (at.mode() == Pagination.LINK && at.link() != null) {
      return URI.create(at.link());
    }
    List<Map.Entry<String, String>> params = new ArrayList<>(3);
    if (at.since() != null && s.sinceParam() != null) {
      params.add(Map.entry(s.sinceParam(), at.since().value()));
    }
    switch (at.mode()) {
      case PAGE -> {
        params.add(Map.entry(s.pageParam(), Long.toString(at.page())));
        if (s.pageSizeParam() != null) {
          params.add(Map.entry(s.pageSizeParam(), Integer.toString(s.pageSize())));
        }
      }
      case OFFSET -> {
        params.add(Map.entry(s.offsetParam(), Long.toString(at.offset())));
        params.add(Map.entry(s.limitParam(), Integer.toString(s.pageSize())));
      }
      case CURSOR -> {
        if (at.cursor() != null) {
          params.add(Map.entry(s.cursorParam(), at.cursor()));
        }
      }
      default -> {}
    }
    return Links.withParams(s.url(), params);
  }

  private Object parse(String what, Http.Response r) throws ConnectorException {
    String type = r.header("Content-Type");
    if (type != null && type.toLowerCase(Locale.ROOT).contains("html")) {
      throw ConnectorException.configuration(
          what + ": the API answered with an HTML page, not JSON; check the URL");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(r.body()))
              .toString();
    } catch (CharacterCodingException e) {
      throw ConnectorException.configuration(what + ": the response is not UTF-8 JSON");
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    try {
      return Json.parse(text);
    } catch (Json.ParseException e) {
      // Not worth pausing for at once: a proxy's error page or a cut answer comes and goes.
      throw ConnectorException.unavailable(
          what + ": the response is not JSON (" + e.getMessage() + ")" + http.detail(r), null);
    }
  }

  private List<Object> records(String what, Object document) throws ConnectorException {
    Json.Found found = Json.at(document, s.recordsPath());
    if (!found.present()) {
      throw ConnectorException.configuration(
          what
              + ": the response has nothing at the records path "
              + s.recordsPathText()
              + fields(document));
    }
    Object value = found.value();
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw ConnectorException.configuration(
          what
              + ": "
              + (s.recordsPath().isEmpty()
                  ? "the response"
                  : "the records path " + s.recordsPathText())
              + " is "
              + Json.kind(value)
              + ", not an array of records"
              + fields(value));
    }
    @SuppressWarnings("unchecked")
    List<Object> items = (List<Object>) list;
    return items;
  }

  /** "; its fields are /data, /meta": a hint for a wrong records path. */
  private static String fields(Object document) {
    if (!(document instanceof Map<?, ?> map) || map.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (Object k : map.keySet()) {
      if (names.size() == 10) {
        names.add("...");
        break;
      }
      names.add("/" + k);
    }
    return "; its fields are " + String.join(", ", names);
  }

  private Position next(
      String what, Position at, Http.Response r, Object document, List<Object> items)
      throws ConnectorException {
    if (items.isEmpty()) {
      return null;
    }
    return switch (at.mode()) {
      case NONE -> null;
      case PAGE -> items.size() >= s.pageSize() ? at.nextPage() : null;
      case OFFSET -> items.size() >= s.pageSize() ? at.nextOffset(items.size()) : null;
      case CURSOR -> {
        Json.Found c = Json.at(document, s.cursorPath());
        String cursor = c.present() ? Values.text(c.value()) : null;
        yield cursor == null || cursor.isEmpty() || cursor.equals(at.cursor())
            ? null
            : at.nextCursor(cursor);
      }
      case LINK -> {
        String target = Links.next(r.headers().allValues("Link"));
        if (target == null) {
          yield null;
        }
        URI next;
        try {
          next = r.uri().resolve(target);
        } catch (IllegalArgumentException e) {
          throw ConnectorException.configuration(what + ": the next link is not a valid URI");
        }
        if (!Links.sameOrigin(next, s.url())) {
          throw ConnectorException.configuration(
              what
                  + ": the next link points to "
                  + next.getHost()
                  + ", another host than the URL's; the connector does not send the"
                  + " credentials there");
        }
        String text = next.toString();
        yield text.equals(at.link()) ? null : at.nextLink(text);
      }
    };
  }
}
