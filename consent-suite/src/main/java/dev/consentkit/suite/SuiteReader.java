package dev.consentkit.suite;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.Located;
import dev.consentkit.jackson.ReadOptions;
import dev.consentkit.jackson.UnknownFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code consentkit.suite/v1} document into a {@link PolicySuite}: Jackson binds it to the
 * records below through {@link ConsentDocuments#readEmbedding(Path, Class)}, so that the embedded
 * policy, members and items are read exactly as strictly as their own documents and every problem is
 * located in the suite file.
 */
final class SuiteReader {

    private static final String KIND = "consentkit.suite";
    private static final int MAJOR_VERSION = 1;
    private static final Pattern FORMAT = Pattern.compile(
            "([a-z]+(?:\\.[a-z]+)*)/v(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8}))?");

    private static final String FORMAT_EXPECTED =
            "\"" + PolicySuite.FORMAT + "\" or a minor version of it such as \"" + PolicySuite.FORMAT + ".1\"";
    private static final String NAME = "a non-blank string";
    private static final String POLICY =
            "a policy document, or the path of a policy document file relative to the suite file's directory";
    private static final String MEMBERS = "an array of member documents, their format optional";
    private static final String ITEMS = "an array of item documents, their format optional";
    private static final String CASES = "an array of at least one case";
    private static final String EXPECT = "an object with \"trainable\" and, optionally, \"reason\"";
    private static final String TRAINABLE = "true or false";
    private static final int MAX_LISTED_IDS = 10;
    private static final JsonFactory LIMITED = JsonFactory.builder()
            .streamReadConstraints(ConsentDocuments.streamReadConstraints())
            .build();

    private SuiteReader() {}

    /** The fields of a suite document, in the order it is written. */
    record SuiteDocument(
            @Nullable Located<String> format,
            @Nullable Located<String> name,
            @Nullable Located<PolicySource> policy,
            @Nullable Located<List<Located<Member>>> members,
            @Nullable Located<List<Located<ContentItem>>> items,
            @Nullable Located<List<Located<CaseDocument>>> cases,
            @JsonProperty("$schema") @Nullable Located<String> schema,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown) {}

    /** The fields of a case. */
    record CaseDocument(
            @Nullable Located<String> name,
            @Nullable Located<String> item,
            @Nullable Located<String> member,
            @Nullable Located<Instant> asOf,
            @Nullable Located<Instant> knownAt,
            @Nullable Located<Expectation> expect,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown) {}

    /** The fields of a case's expected decision. */
    record Expectation(
            @Nullable Located<Boolean> trainable,
            @Nullable Located<Reason> reason,
            @JsonAnySetter @JsonDeserialize(contentUsing = UnknownFields.class) @Nullable Map<String, Object> unknown) {}

    /** A suite's policy: written in the suite, or the path of a policy file. */
    @JsonDeserialize(using = PolicySource.Reader.class)
    record PolicySource(@Nullable TrainingPolicy embedded, @Nullable String path) {

        /** Reads a policy object as an embedded policy document, and a string as a path. */
        static final class Reader extends StdDeserializer<PolicySource> {

            private static final long serialVersionUID = 1L;

            Reader() {
                super(PolicySource.class);
            }

            @Override
            public PolicySource deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                JsonToken token = parser.currentToken();
                if (token == JsonToken.VALUE_STRING) {
                    return new PolicySource(null, parser.getText());
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.FIELD_NAME || token == JsonToken.END_OBJECT) {
                    return new PolicySource(context.readValue(parser, TrainingPolicy.class), null);
                }
                String found = token == JsonToken.START_ARRAY ? "an array"
                        : token.isBoolean() ? "a boolean " + parser.getText() : "a number " + parser.getText();
                throw new Located<>(token, "$.policy", parser.currentTokenLocation().getLineNr(),
                        parser.currentTokenLocation().getColumnNr(), token == JsonToken.START_ARRAY ? "[…]" : parser.getText())
                        .fail("found " + found, POLICY);
            }
        }
    }

    static PolicySuite read(Path file, ReadOptions options) throws IOException {
        SuiteDocument suite;
        try {
            suite = ConsentDocuments.readEmbedding(file, SuiteDocument.class, options);
        } catch (ConsentDocumentException e) {
            throw formatProblem(file).orElse(e);
        }
        Located<String> format = required(suite.format(), "format", FORMAT_EXPECTED, file);
        checkFormat(format);
        String name = suite.name() == null ? String.valueOf(file.getFileName()) : nonBlank(suite.name());
        TrainingPolicy policy = policy(required(suite.policy(), "policy", POLICY, file), file);
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, Located<?>> memberIds = new LinkedHashMap<>();
        for (Located<Member> m : required(suite.members(), "members", MEMBERS, file).value()) {
            unique(memberIds, m.value().id(), m, "member id");
            members.put(m.value().id(), m.value());
        }
        Map<String, ContentItem> items = new LinkedHashMap<>();
        Map<String, Located<?>> itemIds = new LinkedHashMap<>();
        for (Located<ContentItem> i : required(suite.items(), "items", ITEMS, file).value()) {
            unique(itemIds, i.value().id(), i, "item id");
            items.put(i.value().id(), i.value());
        }
        Located<List<Located<CaseDocument>>> caseList = required(suite.cases(), "cases", CASES, file);
        List<PolicyCase> cases = new ArrayList<>();
        Map<String, Located<?>> caseNames = new LinkedHashMap<>();
        for (Located<CaseDocument> c : caseList.value()) {
            cases.add(readCase(c, members, items, caseNames));
        }
        if (cases.isEmpty()) {
            throw caseList.fail("the suite has no case", CASES);
        }
        return new PolicySuite(name, file, policy, List.copyOf(members.values()), List.copyOf(items.values()), cases);
    }

    /**
     * A suite that cannot be read may be of another kind or version: its {@code format} is then the
     * problem to report, wherever in the document it is written. The file is parsed as it is read, within
     * the limits of every document, so that a file too long to be a suite, or one that never ends, is
     * reported as reading it reported it, not read whole.
     */
    private static Optional<ConsentDocumentException> formatProblem(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = LIMITED.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("format".equals(field) && value == JsonToken.VALUE_STRING) {
                    Located<String> format = new Located<>(parser.getText(), "$.format",
                            parser.currentTokenLocation().getLineNr(), parser.currentTokenLocation().getColumnNr(),
                            parser.getText());
                    checkFormat(format);
                    return Optional.empty();
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (ConsentDocumentException wrongFormat) {
            return Optional.of(wrongFormat);
        } catch (IOException | RuntimeException notReadable) {
            return Optional.empty();
        }
    }

    /** Checks the suite's {@code format}: this kind of document, in a major version this library reads. */
    private static void checkFormat(Located<String> format) throws ConsentDocumentException {
        Matcher m = FORMAT.matcher(format.value());
        if (!m.matches()) {
            throw format.fail("malformed document format \"" + format.value() + "\"", FORMAT_EXPECTED);
        }
        if (!m.group(1).equals(KIND)) {
            throw format.fail("this is a " + m.group(1) + " document, not a " + KIND + " document", FORMAT_EXPECTED);
        }
        if (Integer.parseInt(m.group(2)) != MAJOR_VERSION) {
            throw format.fail("unsupported major version " + m.group(2) + " of " + KIND
                    + "; this library reads major version " + MAJOR_VERSION + " only", FORMAT_EXPECTED);
        }
    }

    private static TrainingPolicy policy(Located<PolicySource> source, Path suiteFile) throws IOException {
        TrainingPolicy embedded = source.value().embedded();
        String relative = source.value().path();
        if (embedded != null || relative == null) {
            if (embedded == null) {
                throw source.fail("the policy is missing", POLICY);
            }
            return embedded;
        }
        if (relative.isBlank()) {
            throw source.fail("the policy path is blank", POLICY);
        }
        Path policyFile;
        try {
            Path directory = suiteFile.toAbsolutePath().getParent();
            policyFile = directory == null ? Path.of(relative) : directory.resolve(relative);
        } catch (InvalidPathException e) {
            throw source.fail("\"" + relative + "\" is not a path: " + e.getMessage(), POLICY, e);
        }
        try {
            return ConsentDocuments.readPolicy(policyFile);
        } catch (NoSuchFileException e) {
            throw source.fail("there is no policy file at " + policyFile, POLICY, e);
        } catch (ConsentDocumentException e) {
            throw source.fail("the policy file " + policyFile + " is not a valid policy: " + e.getMessage(),
                    "a consentkit.policy/v1 document", e);
        }
    }

    private static PolicyCase readCase(Located<CaseDocument> located, Map<String, Member> members,
            Map<String, ContentItem> items, Map<String, Located<?>> caseNames) throws ConsentDocumentException {
        CaseDocument c = located.value();
        Located<String> nameField = required(c.name(), "name", NAME, located);
        String name = nonBlank(nameField);
        unique(caseNames, name, nameField, "case name");
        ContentItem item = lookUp(required(c.item(), "item", "the id of an item of the suite", located), items, "item");
        Located<String> memberField = required(c.member(), "member", "the id of a member of the suite", located);
        Member member = lookUp(memberField, members, "member");
        if (!item.authorId().equals(member.id())) {
            throw memberField.fail("item \"" + item.id() + "\" is authored by member \"" + item.authorId()
                    + "\", not by \"" + member.id() + "\"", "the id of the item's author, \"" + item.authorId() + "\"");
        }
        Instant asOf = required(c.asOf(), "asOf", "an instant", located).value();
        Instant knownAt = c.knownAt() == null ? null : c.knownAt().value();
        Located<Expectation> expect = required(c.expect(), "expect", EXPECT, located);
        boolean trainable = required(expect.value().trainable(), "trainable", TRAINABLE, expect).value();
        Reason reason = expectedReason(expect.value().reason(), trainable);
        return new PolicyCase(name, item, member, asOf, knownAt, trainable, reason, located.line());
    }

    private static @Nullable Reason expectedReason(@Nullable Located<Reason> reasonField, boolean trainable)
            throws ConsentDocumentException {
        if (reasonField == null) {
            return null;
        }
        Reason reason = reasonField.value();
        if (reason.isTrainable() != trainable) {
            List<String> fitting = Arrays.stream(Reason.values()).filter(r -> r.isTrainable() == trainable)
                    .map(Reason::name).collect(Collectors.toList());
            throw reasonField.fail("reason " + reason + " is a reason for a decision that is "
                    + (reason.isTrainable() ? "trainable" : "not trainable") + ", but \"trainable\" is " + trainable,
                    "a reason that agrees with \"trainable\": one of " + String.join(", ", fitting)
                            + ", or no reason");
        }
        return reason;
    }

    private static <T> T lookUp(Located<String> id, Map<String, T> byId, String what) throws ConsentDocumentException {
        String expected = "the id of " + (what.equals("item") ? "an item" : "a member") + " of the suite";
        T found = byId.get(id.value());
        if (found == null) {
            String known = byId.isEmpty() ? "the suite has no " + what
                    : "one of " + byId.keySet().stream().limit(MAX_LISTED_IDS).collect(Collectors.joining(", "))
                            + (byId.size() > MAX_LISTED_IDS ? ", …" : "");
            throw id.fail("unknown " + what + " id \"" + id.value() + "\"", expected + ": " + known);
        }
        return found;
    }

    private static String nonBlank(Located<String> field) throws ConsentDocumentException {
        if (field.value().isBlank()) {
            throw field.fail("the string is blank", NAME);
        }
        return field.value();
    }

    private static void unique(Map<String, Located<?>> seen, String key, Located<?> at, String what)
            throws ConsentDocumentException {
        Located<?> earlier = seen.putIfAbsent(key, at);
        if (earlier != null) {
            throw at.fail("duplicate " + what + " \"" + key + "\" (first at " + earlier.where() + ")", "each " + what + " once");
        }
    }

    /** A field of the suite document that must be there, which it lacks. */
    private static <V> V required(@Nullable V value, String field, String expected, Path file)
            throws ConsentDocumentException {
        if (value == null) {
            throw new Located<>(file, "$." + field, 1, 1, "{…}").fail("missing field \"" + field + "\"", expected);
        }
        return value;
    }

    /** A field of an object of the suite that must be there, which it lacks. */
    private static <V> V required(@Nullable V value, String field, String expected, Located<?> object)
            throws ConsentDocumentException {
        if (value == null) {
            throw new Located<>(object.value(), object.path() + "." + field, object.line(), object.column(), "{…}")
                    .fail("missing field \"" + field + "\"", expected);
        }
        return value;
    }
}
