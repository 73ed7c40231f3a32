package dev.consentkit.suite;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.jackson.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy test suite: a policy, the members and items it is asked about, and cases, each a question
 * and the answer expected. It is a JSON document, {@code "format": "consentkit.suite/v1"}:
 *
 * <pre>{@code
 * {
 *   "format": "consentkit.suite/v1",
 *   "name": "LinkedIn generative-AI training",
 *   "policy": "linkedin.policy.json",
 *   "members": [
 *     {"id": "m-1", "birthDate": "1990-04-01", "jurisdictions": [{"jurisdiction": "DE"}], "consent": []}
 *   ],
 *   "items": [
 *     {"id": "post-1", "authorId": "m-1", "category": "content.public",
 *      "createdAt": "2025-10-01T12:00:00Z", "reservations": []}
 *   ],
 *   "cases": [
 *     {"name": "excluded while the EU is", "item": "post-1", "member": "m-1",
 *      "asOf": "2025-06-01T00:00:00Z", "expect": {"trainable": false, "reason": "JURISDICTION_EXCLUDED"}}
 *   ]
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@code format} is required; minor versions {@code v1.N} are read, other major versions
 *       rejected. {@code name} is optional.
 *   <li>{@code policy} is either a policy document inline, or the path of a policy document file,
 *       relative to the directory of the suite file. A file is a document of its own and carries its
 *       {@code format}; an inline policy may leave it out.
 *   <li>{@code members} and {@code items} are member and item documents as {@code consent-jackson}
 *       reads them, as strictly, except that their {@code format} may be left out, as in a line of a
 *       newline-delimited stream. Ids are unique within each list.
 *   <li>{@code cases} holds at least one case, as {@link PolicyCase} describes; names are unique.
 * </ul>
 *
 * <p>Reading is as strict as reading any ConsentKit document: unknown fields, duplicate keys, duplicate
 * case names or member or item ids, a case naming an unknown item or member or a member who is not the
 * item's author, an expected reason that contradicts the expected {@code trainable}, malformed
 * instants and everything {@code consent-jackson} rejects in a policy, member or item fail with a
 * {@link dev.consentkit.jackson.ConsentDocumentException} that names the field path, the bad value,
 * the line and column in the suite file and what was expected. The JSON Schema of the document ships
 * at the resource path {@code dev/consentkit/suite/schema/suite-v1.schema.json}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicySuite {

    /** The document format this library writes and reads: {@value}. */
    public static final String FORMAT = "consentkit.suite/v1";

    private final String name;
    private final Path source;
    private final TrainingPolicy policy;
    private final List<Member> members;
    private final List<ContentItem> items;
    private final List<PolicyCase> cases;

    PolicySuite(String name, Path source, TrainingPolicy policy, List<Member> members, List<ContentItem> items,
            List<PolicyCase> cases) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.members = List.copyOf(members);
        this.items = List.copyOf(items);
        this.cases = List.copyOf(cases);
    }

    /**
     * Reads a suite file. A policy given by relative path is resolved against the suite file's directory.
     *
     * @param file the suite file, a {@code consentkit.suite/v1} document
     * @return the suite, with its policy, members, items and cases
     * @throws dev.consentkit.jackson.ConsentDocumentException if the suite is not a valid
     *     {@code consentkit.suite/v1} document, or its policy file does not exist or is not a valid
     *     policy document; the message names the field path, the bad value, the line and column and
     *     what was expected
     * @throws IOException if a file cannot be read
     */
    public static PolicySuite read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    /**
     * Reads a suite file as {@link #read(Path)} does, with its members' consent events read with
     * {@code options}: a consent event recorded before it takes effect counts from when it was recorded
     * if the gap is within the options' clock-skew tolerance, and fails the suite with a located error
     * naming the event otherwise.
     *
     * @param file the suite file, a {@code consentkit.suite/v1} document
     * @param options how to read the members' consent events, such as the clock-skew tolerance
     * @return the suite, with its policy, members, items and cases
     * @throws dev.consentkit.jackson.ConsentDocumentException as {@link #read(Path)}, and for a consent
     *     event recorded longer before it takes effect than the tolerance
     * @throws IOException if a file cannot be read
     */
    public static PolicySuite read(Path file, ReadOptions options) throws IOException {
        return SuiteReader.read(Objects.requireNonNull(file, "file"), Objects.requireNonNull(options, "options"));
    }

    /** {@return the suite's {@code name}, or the suite file's name when the document has none} */
    public String name() {
        return name;
    }

    /** {@return the file the suite was read from, as given to {@link #read(Path)}} */
    public Path source() {
        return source;
    }

    /** {@return the policy under test} */
    public TrainingPolicy policy() {
        return policy;
    }

    /** {@return the suite's members, in document order} */
    public List<Member> members() {
        return members;
    }

    /** {@return the suite's items, in document order} */
    public List<ContentItem> items() {
        return items;
    }

    /** {@return the cases, in document order} */
    public List<PolicyCase> cases() {
        return cases;
    }

    /**
     * Evaluates every case against the policy.
     *
     * @return the outcome of every case, with the counts of passed and failed cases
     */
    public SuiteResult run() {
        List<CaseResult> results = new ArrayList<>(cases.size());
        for (PolicyCase c : cases) {
            results.add(run(c));
        }
        return new SuiteResult(this, results);
    }

    /**
     * Evaluates one case against the policy: what a test runner that reports each case on its own asks,
     * such as {@code PolicySuiteTests} in {@code consent-testkit}.
     *
     * @param testCase the case, usually one of {@link #cases()}
     * @return the policy's decision for the case, and whether it is the answer expected
     * @throws NullPointerException if {@code testCase} is null
     */
    public CaseResult run(PolicyCase testCase) {
        Objects.requireNonNull(testCase, "testCase");
        return new CaseResult(testCase, testCase.decide(policy));
    }

    /** The name, source and counts, such as {@code PolicySuite[linkedin-genai from suites/linkedin.suite.json, 9 cases]}. */
    @Override
    public String toString() {
        return "PolicySuite[" + name + " from " + source + ", " + cases.size() + " case" + (cases.size() == 1 ? "" : "s")
                + "]";
    }
}
