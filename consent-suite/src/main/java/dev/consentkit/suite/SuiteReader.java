package dev.consentkit.suite;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.Reason;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ConsentDocumentException;
import dev.consentkit.jackson.ConsentDocuments;
import dev.consentkit.jackson.DocumentNode;
import java.io.IOException;
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
 * Reads a {@code consentkit.suite/v1} document into a {@link PolicySuite}, through consent-jackson's
 * {@link DocumentNode}, so that the embedded policy, members and items are read exactly as strictly
 * as their own documents and every problem is located in the suite file.
 */
final class SuiteReader {

    static final List<String> FIELDS = List.of("format", "name", "policy", "members", "items", "cases");
    static final List<String> CASE_FIELDS = List.of("name", "item", "member", "asOf", "knownAt", "expect");
    static final List<String> EXPECT_FIELDS = List.of("trainable", "reason");

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

    private SuiteReader() {}

    static PolicySuite read(Path file) throws IOException {
        DocumentNode root = DocumentNode.read(file);
        checkFormat(root);
        root.object(FIELDS);
        String name = root.optional("name").isPresent()
                ? nonBlank(root.required("name", NAME))
                : String.valueOf(file.getFileName());
        TrainingPolicy policy = policy(root.required("policy", POLICY), file);
        Map<String, Member> members = new LinkedHashMap<>();
        Map<String, DocumentNode> memberIds = new LinkedHashMap<>();
        for (DocumentNode m : root.required("members", MEMBERS).array(MEMBERS)) {
            Member member = m.toMember();
            unique(memberIds, member.id(), m.required("id", NAME), "member id");
            members.put(member.id(), member);
        }
        Map<String, ContentItem> items = new LinkedHashMap<>();
        Map<String, DocumentNode> itemIds = new LinkedHashMap<>();
        for (DocumentNode i : root.required("items", ITEMS).array(ITEMS)) {
            ContentItem item = i.toItem();
            unique(itemIds, item.id(), i.required("id", NAME), "item id");
            items.put(item.id(), item);
        }
        DocumentNode casesNode = root.required("cases", CASES);
        List<PolicyCase> cases = new ArrayList<>();
        Map<String, DocumentNode> caseNames = new LinkedHashMap<>();
        for (DocumentNode c : casesNode.array(CASES)) {
            cases.add(readCase(c, members, items, caseNames));
        }
        if (cases.isEmpty()) {
            throw casesNode.fail("the suite has no case", CASES);
        }
        return new PolicySuite(name, file, policy, List.copyOf(members.values()), List.copyOf(items.values()), cases);
    }

    /** Checks {@code format} before anything else, so a later major version says so instead of naming a new field. */
    private static void checkFormat(DocumentNode root) throws ConsentDocumentException {
        if (!root.isObject()) {
            root.object(FIELDS);
        }
        DocumentNode format = root.required("format", FORMAT_EXPECTED);
        String value = format.string(FORMAT_EXPECTED);
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw format.fail("malformed document format \"" + value + "\"", FORMAT_EXPECTED);
        }
        if (!m.group(1).equals(KIND)) {
            throw format.fail("this is a " + m.group(1) + " document, not a " + KIND + " document", FORMAT_EXPECTED);
        }
        if (Integer.parseInt(m.group(2)) != MAJOR_VERSION) {
            throw format.fail("unsupported major version " + m.group(2) + " of " + KIND
                    + "; this library reads major version " + MAJOR_VERSION + " only", FORMAT_EXPECTED);
        }
    }

    private static TrainingPolicy policy(DocumentNode node, Path suiteFile) throws IOException {
        if (node.isObject()) {
            return node.toPolicy();
        }
        String relative = node.string(POLICY);
        if (relative.isBlank()) {
            throw node.fail("the policy path is blank", POLICY);
        }
        Path policyFile;
        try {
            Path directory = suiteFile.toAbsolutePath().getParent();
            policyFile = directory == null ? Path.of(relative) : directory.resolve(relative);
        } catch (InvalidPathException e) {
            throw node.fail("\"" + relative + "\" is not a path: " + e.getMessage(), POLICY, e);
        }
        try {
            return ConsentDocuments.readPolicy(policyFile);
        } catch (NoSuchFileException e) {
            throw node.fail("there is no policy file at " + policyFile, POLICY, e);
        } catch (ConsentDocumentException e) {
            throw node.fail("the policy file " + policyFile + " is not a valid policy: " + e.getMessage(),
                    "a consentkit.policy/v1 document", e);
        }
    }

    private static PolicyCase readCase(DocumentNode node, Map<String, Member> members, Map<String, ContentItem> items,
            Map<String, DocumentNode> caseNames) throws ConsentDocumentException {
        DocumentNode c = node.object(CASE_FIELDS);
        DocumentNode nameNode = c.required("name", NAME);
        String name = nonBlank(nameNode);
        unique(caseNames, name, nameNode, "case name");
        DocumentNode itemNode = c.required("item", "the id of an item of the suite");
        ContentItem item = lookUp(itemNode, items, "item");
        DocumentNode memberNode = c.required("member", "the id of a member of the suite");
        Member member = lookUp(memberNode, members, "member");
        if (!item.authorId().equals(member.id())) {
            throw memberNode.fail("item \"" + item.id() + "\" is authored by member \"" + item.authorId()
                    + "\", not by \"" + member.id() + "\"", "the id of the item's author, \"" + item.authorId() + "\"");
        }
        Instant asOf = c.required("asOf", "an instant").instant();
        Optional<DocumentNode> knownAtNode = c.optional("knownAt");
        Instant knownAt = knownAtNode.isPresent() ? knownAtNode.get().instant() : null;
        DocumentNode expect = c.required("expect", EXPECT).object(EXPECT_FIELDS);
        boolean trainable = expect.required("trainable", TRAINABLE).bool(TRAINABLE);
        Reason reason = expectedReason(expect, trainable);
        return new PolicyCase(name, item, member, asOf, knownAt, trainable, reason, c.line());
    }

    private static @Nullable Reason expectedReason(DocumentNode expect, boolean trainable) throws ConsentDocumentException {
        Optional<DocumentNode> reasonNode = expect.optional("reason");
        if (reasonNode.isEmpty()) {
            return null;
        }
        Reason reason = reasonNode.get().enumValue(Reason.class, "reason");
        if (reason.isTrainable() != trainable) {
            List<String> fitting = Arrays.stream(Reason.values()).filter(r -> r.isTrainable() == trainable)
                    .map(Reason::name).collect(Collectors.toList());
            throw reasonNode.get().fail("reason " + reason + " is a reason for a decision that is "
                    + (reason.isTrainable() ? "trainable" : "not trainable") + ", but \"trainable\" is " + trainable,
                    "a reason that agrees with \"trainable\": one of " + String.join(", ", fitting)
                            + ", or no reason");
        }
        return reason;
    }

    private static <T> T lookUp(DocumentNode idNode, Map<String, T> byId, String what) throws ConsentDocumentException {
        String expected = "the id of " + (what.equals("item") ? "an item" : "a member") + " of the suite";
        String id = idNode.string(expected);
        T found = byId.get(id);
        if (found == null) {
            String known = byId.isEmpty() ? "the suite has no " + what
                    : "one of " + byId.keySet().stream().limit(MAX_LISTED_IDS).collect(Collectors.joining(", "))
                            + (byId.size() > MAX_LISTED_IDS ? ", …" : "");
            throw idNode.fail("unknown " + what + " id \"" + id + "\"", expected + ": " + known);
        }
        return found;
    }

    private static String nonBlank(DocumentNode node) throws ConsentDocumentException {
        String value = node.string(NAME);
        if (value.isBlank()) {
            throw node.fail("the string is blank", NAME);
        }
        return value;
    }

    private static void unique(Map<String, DocumentNode> seen, String key, DocumentNode node, String what)
            throws ConsentDocumentException {
        DocumentNode earlier = seen.putIfAbsent(key, node);
        if (earlier != null) {
            throw node.fail("duplicate " + what + " \"" + key + "\" (first at line " + earlier.line() + ", column "
                    + earlier.column() + ")", "each " + what + " once");
        }
    }
}
