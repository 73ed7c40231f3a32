package dev.consentkit.suite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.jackson.ConsentDocuments;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one pass behind {@link PolicyLocations#read(String)}: Jackson's streaming parser over the
 * document, recording where each value under {@code $.versions} starts. A version's parts are keyed by
 * its id, which may come after them in the version's object, so they are collected by the version's
 * index and named when the pass ends.
 */
final class PolicyLocationReader {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(ConsentDocuments.streamReadConstraints())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** What one version holds, before its id is known. */
    private static final class Version {
        @Nullable String id;
        @Nullable Location start;
        final Map<String, Location> fields = new LinkedHashMap<>();
        final Map<Jurisdiction, Location> rules = new LinkedHashMap<>();
        final Map<DataCategory, Location> allowed = new LinkedHashMap<>();
        final Map<DataCategory, Location> neverAllowed = new LinkedHashMap<>();
    }

    private PolicyLocationReader() {}

    static Map<PolicyPart, Location> read(String json) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        Map<Integer, Version> versions = new HashMap<>();
        try (JsonParser parser = JSON.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isStructEnd()) {
                    continue;
                }
                List<Object> path = path(parser, token);
                if (path.size() < 2 || !"versions".equals(path.get(0)) || !(path.get(1) instanceof Integer index)) {
                    continue;
                }
                Version version = versions.computeIfAbsent(index, i -> new Version());
                record(version, path, parser, token, location(parser, path));
            }
        } catch (IOException notJson) {
            // Reading the document reports it; the places found before the problem stay.
        }
        Map<PolicyPart, Location> parts = new LinkedHashMap<>();
        for (Version version : versions.values()) {
            String id = version.id;
            if (id == null) {
                continue;
            }
            if (version.start != null) {
                parts.putIfAbsent(PolicyPart.version(id), version.start);
            }
            version.fields.forEach((name, at) -> parts.putIfAbsent(PolicyPart.field(id, name), at));
            version.rules.forEach((place, at) -> parts.putIfAbsent(PolicyPart.rule(id, place), at));
            version.allowed.forEach((category, at) -> parts.putIfAbsent(PolicyPart.allowedCategory(id, category), at));
            version.neverAllowed.forEach(
                    (category, at) -> parts.putIfAbsent(PolicyPart.neverAllowedCategory(id, category), at));
        }
        return parts;
    }

    /**
     * Records the value at {@code path} (below {@code $.versions[i]}): the version's start, a field's
     * value, a rule's jurisdiction code, a category entry.
     */
    private static void record(Version version, List<Object> path, JsonParser parser, JsonToken token, Location at)
            throws IOException {
        if (path.size() == 2) {
            if (version.start == null) {
                version.start = at;
            }
            return;
        }
        if (!(path.get(2) instanceof String field)) {
            return;
        }
        if (path.size() == 3) {
            version.fields.putIfAbsent(field, at);
            if (field.equals("id") && token == JsonToken.VALUE_STRING && version.id == null) {
                version.id = parser.getText();
            }
        } else if (token == JsonToken.VALUE_STRING && field.equals("jurisdictionRules") && path.size() == 5
                && "jurisdiction".equals(path.get(4))) {
            keyed(version.rules, Jurisdiction::of, parser.getText(), at);
        } else if (token == JsonToken.VALUE_STRING && path.size() == 4 && field.equals("allowedCategories")) {
            keyed(version.allowed, DataCategory::of, parser.getText(), at);
        } else if (token == JsonToken.VALUE_STRING && path.size() == 4 && field.equals("neverAllowedCategories")) {
            keyed(version.neverAllowed, DataCategory::of, parser.getText(), at);
        }
    }

    private static <K> void keyed(Map<K, Location> into, Function<String, K> key, String text, Location at) {
        try {
            into.putIfAbsent(key.apply(text), at);
        } catch (IllegalArgumentException malformed) {
            // Reading the document rejects it; it names no part of a policy.
        }
    }

    /** The names and indexes from the document down to the current value, such as [versions, 0, id]. */
    private static List<Object> path(JsonParser parser, JsonToken token) {
        JsonStreamContext context = token.isStructStart() ? parser.getParsingContext().getParent()
                : parser.getParsingContext();
        List<Object> path = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            path.add(0, c.inArray() ? (Object) c.getCurrentIndex() : (Object) String.valueOf(c.getCurrentName()));
        }
        return path;
    }

    private static Location location(JsonParser parser, List<Object> path) {
        JsonLocation at = parser.currentTokenLocation();
        StringBuilder jsonPath = new StringBuilder("$");
        for (Object step : path) {
            jsonPath.append(step instanceof Integer ? "[" + step + "]" : "." + step);
        }
        return new Location(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), jsonPath.toString());
    }
}
