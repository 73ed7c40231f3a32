package dev.consentkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.suite.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the parts of a member document that {@link MemberReview} points at start: the {@code closures}
 * array, each closure's {@code closedAt}, and each consent event's {@code effectiveAt} by the event's id.
 * Found in one pass of Jackson's streaming parser over a document that reading accepted; nothing else is
 * kept.
 */
final class MemberLocations {

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(ConsentDocuments.streamReadConstraints())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final Location document;
    private Location closures;
    private final List<Location> closedAt = new ArrayList<>();
    private final Map<String, Location> effectiveAtById = new HashMap<>();

    private MemberLocations(Location document) {
        this.document = document;
    }

    static MemberLocations read(String json) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        MemberLocations found = new MemberLocations(new Location(1, 1, "$"));
        Map<Integer, String> eventIds = new HashMap<>();
        Map<Integer, Location> effectiveAt = new HashMap<>();
        try (JsonParser parser = JSON.createParser(text)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME || token.isStructEnd()) {
                    continue;
                }
                JsonStreamContext context = token.isStructStart() ? parser.getParsingContext().getParent()
                        : parser.getParsingContext();
                int depth = depth(context);
                if (depth == 1 && "closures".equals(context.getCurrentName())) {
                    found.closures = at(parser, "$.closures");
                } else if (depth == 3 && "closedAt".equals(context.getCurrentName())
                        && "closures".equals(context.getParent().getParent().getCurrentName())) {
                    int index = context.getParent().getCurrentIndex();
                    found.closedAt.add(at(parser, "$.closures[" + index + "].closedAt"));
                } else if (depth == 3 && "consent".equals(context.getParent().getParent().getCurrentName())) {
                    int index = context.getParent().getCurrentIndex();
                    if ("id".equals(context.getCurrentName()) && token == JsonToken.VALUE_STRING) {
                        eventIds.putIfAbsent(index, parser.getText());
                    } else if ("effectiveAt".equals(context.getCurrentName())) {
                        effectiveAt.putIfAbsent(index, at(parser, "$.consent[" + index + "].effectiveAt"));
                    }
                }
            }
        } catch (IOException notJson) {
            // Reading the document reports it; the places found before the problem stay.
        }
        effectiveAt.forEach((index, at) -> {
            String id = eventIds.get(index);
            if (id != null) {
                found.effectiveAtById.putIfAbsent(id, at);
            }
        });
        return found;
    }

    /** How many objects and arrays the value lies in, the document's own object counting as one. */
    private static int depth(JsonStreamContext context) {
        int depth = 0;
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            depth++;
        }
        return depth;
    }

    private static Location at(JsonParser parser, String path) {
        return new Location(Math.max(1, parser.currentTokenLocation().getLineNr()),
                Math.max(1, parser.currentTokenLocation().getColumnNr()), path);
    }

    /** Where the {@code closures} array starts, or else the document. */
    Location closures() {
        return closures != null ? closures : document;
    }

    /** Where the {@code closedAt} of the closure at {@code index} starts, or else the document. */
    Location closedAt(int index) {
        return index < closedAt.size() ? closedAt.get(index) : document;
    }

    /** Where the {@code effectiveAt} of the consent event with this id starts, if the document has it. */
    Optional<Location> effectiveAt(String eventId) {
        return Optional.ofNullable(effectiveAtById.get(eventId));
    }
}
