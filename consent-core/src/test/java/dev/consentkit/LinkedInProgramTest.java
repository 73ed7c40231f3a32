package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Walks LinkedIn's generative-AI training program from its 2024 launch to the 2025 inclusion of Europe. */
class LinkedInProgramTest {

    private static final TrainingPolicy LINKEDIN = RealPrograms.linkedIn();

    private static final Instant LAUNCH = Instant.parse("2024-09-18T00:00:00Z");
    private static final Instant GB_EXCLUDED = Instant.parse("2024-09-20T00:00:00Z");
    private static final Instant EUROPE_INCLUDED = Instant.parse("2025-11-03T00:00:00Z");
    private static final Instant OPT_OUT_AT = Instant.parse("2025-11-10T00:00:00Z");

    private static final ConsentEvent OPT_OUT = ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING,
            OPT_OUT_AT, Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE);

    private static final Member GERMAN = member("m-de", "DE");
    private static final ContentItem GERMAN_POST = ContentItem.of("post-de", "m-de", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-03-01T09:30:00Z"));

    @Test
    void shouldNotTrainOnAGermanMembersPostWhileTheEuIsExcluded() {
        Decision decision = decide(GERMAN_POST, GERMAN, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.JURISDICTION_EXCLUDED, decision.reason());
        assertEquals("version 2024-09-gb excludes DE by its rule for EU", decision.evidence().description());
    }

    @Test
    void shouldTrainOnAGermanMembersPostByDefaultOnceEuropeIsIncluded() {
        Decision decision = decide(GERMAN_POST, GERMAN, Instant.parse("2025-11-04T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals(Optional.of("2025-11"), decision.policyVersion());
    }

    @Test
    void shouldIncludeGermanMembersFromTheInclusionInstantItself() {
        assertEquals(Reason.JURISDICTION_EXCLUDED,
                decide(GERMAN_POST, GERMAN, EUROPE_INCLUDED.minusNanos(1)).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(GERMAN_POST, GERMAN, EUROPE_INCLUDED).reason());
    }

    @Test
    void shouldNotTrainOnAGermanMembersPostAfterTheirOptOut() {
        Member optedOut = GERMAN.withConsentEvent(OPT_OUT);

        Decision decision = decide(GERMAN_POST, optedOut, Instant.parse("2025-11-12T00:00:00Z"));

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(OPT_OUT), decision.evidence().consentEvent());
    }

    @Test
    void shouldStillAllowUseBeforeTheOptOutOnceTheOptOutIsRecorded() {
        Member optedOut = GERMAN.withConsentEvent(OPT_OUT);

        Decision decision = decide(GERMAN_POST, optedOut, Instant.parse("2025-11-05T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldStillAllowUseBeforeTheOptOutWhenAuditedAfterItWasRecorded() {
        Member optedOut = GERMAN.withConsentEvent(OPT_OUT);

        Decision decision = LINKEDIN.asKnownAt(Instant.parse("2025-11-20T00:00:00Z")).evaluate(GERMAN_POST, optedOut, Instant.parse("2025-11-05T00:00:00Z"));

        assertTrue(decision.trainable());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldKeepAnOptOutMadeWhileExcludedOnceEuropeIsIncluded() {
        ConsentEvent earlyOptOut = ConsentEvent.optOut("e-1", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2024-09-25T08:00:00Z"), Instant.parse("2024-09-25T08:00:01Z"),
                ConsentChannel.SETTINGS_TOGGLE);

        Decision decision = decide(GERMAN_POST, GERMAN.withConsentEvent(earlyOptOut),
                Instant.parse("2025-11-04T00:00:00Z"));

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(earlyOptOut), decision.evidence().consentEvent());
    }

    @Test
    void shouldNeverTrainOnPrivateMessagesWhateverTheMemberChose() {
        Member optedIn = GERMAN.withConsentEvent(ConsentEvent.optIn("e-2", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-11-05T00:00:00Z"), Instant.parse("2025-11-05T00:00:00Z"),
                ConsentChannel.SETTINGS_TOGGLE));
        ContentItem message = ContentItem.of("dm-1", "m-de", DataCategory.PRIVATE_MESSAGES,
                Instant.parse("2025-03-01T10:00:00Z"));

        Decision decision = decide(message, optedIn, Instant.parse("2025-11-12T00:00:00Z"));

        assertEquals(Reason.CATEGORY_EXCLUDED, decision.reason());
        assertEquals("version 2025-11 never allows messages.private", decision.evidence().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.private", "account.credentials", "account.payment", "account.salary",
            "jobs.application", "jobs.application.screening-answers"})
    void shouldNeverTrainOnTheCategoriesTheProgramExcludes(String category) {
        Member american = member("m-us", "US");
        ContentItem item = ContentItem.of("item-1", "m-us", DataCategory.of(category),
                Instant.parse("2024-10-01T00:00:00Z"));

        Decision decision = decide(item, american, Instant.parse("2025-12-01T00:00:00Z"));

        assertEquals(Reason.CATEGORY_EXCLUDED, decision.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"profile", "content.public", "content.public.article", "content.public.comment",
            "content.group", "ai.interactions", "jobs.saved"})
    void shouldTrainOnTheCategoriesTheProgramUses(String category) {
        Member american = member("m-us", "US");
        ContentItem item = ContentItem.of("item-1", "m-us", DataCategory.of(category),
                Instant.parse("2024-10-01T00:00:00Z"));

        Decision decision = decide(item, american, Instant.parse("2025-12-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldNotTrainOnPostsOfASeventeenYearOld() {
        Member minor = Member.builder("m-17").birthDate(LocalDate.of(2008, 3, 15)).residentIn(Jurisdiction.of("DE"))
                .build();
        ContentItem post = ContentItem.of("post-17", "m-17", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-11-20T18:00:00Z"));

        Decision decision = decide(post, minor, Instant.parse("2025-12-01T00:00:00Z"));

        assertEquals(Reason.MINOR, decision.reason());
        assertEquals(List.of(Reason.MINOR, Reason.CREATED_WHILE_MINOR), decision.failedChecks());
    }

    @Test
    void shouldNotReleasePostsWrittenAtSeventeenWhenTheMemberTurnsEighteen() {
        Member nowAdult = Member.builder("m-17").birthDate(LocalDate.of(2008, 3, 15)).residentIn(Jurisdiction.of("DE"))
                .build();
        ContentItem postAtSeventeen = ContentItem.of("post-17", "m-17", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-11-20T18:00:00Z"));

        Decision decision = decide(postAtSeventeen, nowAdult, Instant.parse("2026-04-01T00:00:00Z"));

        assertEquals(Reason.CREATED_WHILE_MINOR, decision.reason());
        assertEquals(List.of(Reason.CREATED_WHILE_MINOR), decision.failedChecks());
    }

    @Test
    void shouldTrainOnPostsWrittenFromTheEighteenthBirthdayOn() {
        Member nowAdult = Member.builder("m-17").birthDate(LocalDate.of(2008, 3, 15)).residentIn(Jurisdiction.of("DE"))
                .build();
        ContentItem postOnBirthday = ContentItem.of("post-18", "m-17", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2026-03-15T00:00:00Z"));

        Decision decision = decide(postOnBirthday, nowAdult, Instant.parse("2026-04-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldTrainOnAUkMembersPostTheDayBeforeTheUkIsExcluded() {
        Member british = member("m-gb", "GB");
        ContentItem post = ContentItem.of("post-gb", "m-gb", DataCategory.PUBLIC_CONTENT, LAUNCH);

        Decision decision = decide(post, british, Instant.parse("2024-09-19T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals(Optional.of("2024-09"), decision.policyVersion());
    }

    @Test
    void shouldExcludeUkMembersFromTheExclusionInstantItself() {
        Member british = member("m-gb", "GB");
        ContentItem post = ContentItem.of("post-gb", "m-gb", DataCategory.PUBLIC_CONTENT, LAUNCH);

        Decision decision = decide(post, british, GB_EXCLUDED);

        assertEquals(Reason.JURISDICTION_EXCLUDED, decision.reason());
        assertEquals(Optional.of("2024-09-gb"), decision.policyVersion());
        assertEquals("version 2024-09-gb excludes GB by its rule for GB", decision.evidence().description());
        assertEquals(Optional.of(GB_EXCLUDED), decision.evidence().at());
    }

    @Test
    void shouldTrainOnUkMembersAgainOnceEuropeIsIncluded() {
        Member british = member("m-gb", "GB");
        ContentItem post = ContentItem.of("post-gb", "m-gb", DataCategory.PUBLIC_CONTENT, LAUNCH);

        Decision decision = decide(post, british, EUROPE_INCLUDED);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals("version 2025-11 allows GB by its rule for GB under LEGITIMATE_INTERESTS",
                decision.evidence().description());
    }

    @Test
    void shouldTrainOnUsMembersFromTheLaunchInstant() {
        Member american = member("m-us", "US");
        ContentItem post = ContentItem.of("post-us", "m-us", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2023-05-01T00:00:00Z"));

        Decision decision = decide(post, american, LAUNCH);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals("version 2024-09 allows US by default under LEGITIMATE_INTERESTS",
                decision.evidence().description());
    }

    @Test
    void shouldNotTrainOnAnythingBeforeTheLaunch() {
        Member american = member("m-us", "US");
        ContentItem post = ContentItem.of("post-us", "m-us", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2023-05-01T00:00:00Z"));

        Decision decision = decide(post, american, LAUNCH.minusNanos(1));

        assertEquals(Reason.POLICY_NOT_IN_FORCE, decision.reason());
        assertEquals(Optional.empty(), decision.policyVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CA", "HK"})
    void shouldTrainOnMembersInRegionsTheLaunchDidNotExclude(String country) {
        Member member = member("m-1", country);
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2024-09-01T00:00:00Z"));

        Decision decision = decide(post, member, Instant.parse("2024-10-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CH", "NO", "IS", "LI", "FR", "IE"})
    void shouldExcludeSwitzerlandAndTheEeaAtLaunch(String country) {
        Member member = member("m-1", country);
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2024-09-01T00:00:00Z"));

        Decision decision = decide(post, member, LAUNCH);

        assertEquals(Reason.JURISDICTION_EXCLUDED, decision.reason());
    }

    @Test
    void shouldAuditALateArrivingOptOutAsTrainableAsKnownBeforeItWasRecorded() {
        Member optedOutLate = GERMAN.withConsentEvent(lateOptOut());

        Decision decision = LINKEDIN.asKnownAt(Instant.parse("2025-11-12T00:00:00Z")).evaluate(GERMAN_POST, optedOutLate, Instant.parse("2025-11-12T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals(Optional.of(Instant.parse("2025-11-12T00:00:00Z")), decision.knownAt());
    }

    @Test
    void shouldAuditALateArrivingOptOutAsNotTrainableAsKnownOnceItWasRecorded() {
        ConsentEvent late = lateOptOut();
        Member optedOutLate = GERMAN.withConsentEvent(late);

        Decision decision = LINKEDIN.asKnownAt(late.recordedAt()).evaluate(GERMAN_POST, optedOutLate, Instant.parse("2025-11-12T00:00:00Z"));

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(late), decision.evidence().consentEvent());
    }

    @Test
    void shouldTrainAgainOnceTheMemberOptsBackIn() {
        ConsentEvent optIn = ConsentEvent.optIn("e-8", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-01T00:00:02Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member optedBackIn = GERMAN.withConsentEvent(OPT_OUT).withConsentEvent(optIn);

        Decision decision = decide(GERMAN_POST, optedBackIn, Instant.parse("2025-12-02T00:00:00Z"));

        assertEquals(Reason.ALLOWED_OPTED_IN, decision.reason());
        assertEquals(Optional.of(optIn), decision.evidence().consentEvent());
    }

    @Test
    void shouldNotTrainBetweenTheOptOutAndTheOptBackIn() {
        ConsentEvent optIn = ConsentEvent.optIn("e-8", Purpose.GENERATIVE_AI_TRAINING,
                Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-01T00:00:02Z"),
                ConsentChannel.SETTINGS_TOGGLE);
        Member optedBackIn = GERMAN.withConsentEvent(OPT_OUT).withConsentEvent(optIn);

        assertFalse(LINKEDIN.isTrainable(GERMAN_POST, optedBackIn, optIn.effectiveAt().minusNanos(1)));
    }

    /**
     * LinkedIn does not train on the data of members under 18. A British member born on 29 February
     * 2008 turns 18 in a common year on 1 March 2026 as the law of the United Kingdom counts it (the
     * commencement of the anniversary, Family Law Reform Act 1969, section 9): the policy's default
     * reading, the later and so the safe day.
     */
    @Test
    void shouldKeepABritishMemberBornOn29FebruaryAMinorUntil1March() {
        Member leapling = Member.builder("m-gb-leap").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("GB")).build();
        ContentItem onTheLastDayAsAMinor = ContentItem.of("post-gb-leap", "m-gb-leap", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2026-02-28T09:00:00Z"));

        Decision on28February = decide(onTheLastDayAsAMinor, leapling, Instant.parse("2026-02-28T18:00:00Z"));
        Decision on1March = decide(onTheLastDayAsAMinor, leapling, Instant.parse("2026-03-01T00:00:00Z"));

        assertEquals(Reason.MINOR, on28February.reason());
        assertEquals(Optional.of(LocalDate.of(2026, 3, 1)), on28February.evidence().comingOfAge());
        assertEquals(Reason.CREATED_WHILE_MINOR, on1March.reason());
        assertTrue(LINKEDIN.isTrainable(ContentItem.of("post-gb-adult", "m-gb-leap", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2026-03-01T00:00:00Z")), leapling, Instant.parse("2026-03-01T00:00:00Z")));
    }

    /**
     * LinkedIn's generative-AI training has its own control, the "Data for Generative AI Improvement"
     * setting. A Global Privacy Control signal, which the US state privacy laws read as "do not sell or
     * share", is recorded for that purpose: as published, the program does not read it as an objection
     * to training. A version that chooses to (GDPR Art. 21(5) allows objecting by automated means)
     * counts it from the instant it takes effect.
     */
    @Test
    void shouldCountAGpcSignalForSaleAndSharingOnlyInAVersionThatChoosesTo() {
        Instant signalAt = Instant.parse("2025-11-20T00:00:00Z");
        Member californian = member("m-ca", "US-CA").withConsentEvent(ConsentEvent.optOut("gpc-1",
                Purpose.of("sale-and-sharing"), signalAt, signalAt.plusSeconds(1), ConsentChannel.GPC_SIGNAL));
        ContentItem post = ContentItem.of("post-ca", "m-ca", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-10-01T00:00:00Z"));
        PolicyVersion published = LINKEDIN.versions().get(LINKEDIN.versions().size() - 1);
        TrainingPolicy countingSignals = TrainingPolicy.builder(LINKEDIN.id(), LINKEDIN.purpose())
                .version(published.toBuilder(published.id(), published.effectiveFrom()).gpcSignalsObject(true).build())
                .build();
        Instant later = Instant.parse("2025-12-01T00:00:00Z");

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(post, californian, later).reason());
        assertEquals(Reason.ALLOWED_BY_DEFAULT, countingSignals.evaluate(post, californian, signalAt.minusNanos(1)).reason());
        Decision objected = countingSignals.evaluate(post, californian, later);
        assertEquals(Reason.OPTED_OUT, objected.reason());
        assertEquals("gpc-1", objected.evidence().consentEvent().orElseThrow().id());
    }

    private static ConsentEvent lateOptOut() {
        // Made on the 10th, reached the consent log only on the 14th, after an outage of the sync job.
        return ConsentEvent.optOut("e-9", Purpose.GENERATIVE_AI_TRAINING, OPT_OUT_AT,
                Instant.parse("2025-11-14T00:00:00Z"), ConsentChannel.API);
    }

    // A closed LinkedIn account can be reopened for a short while after it is closed (LinkedIn Help,
    // "Reopen your closed account": within 14 days in most cases). The program's own texts say nothing
    // about training on a closed account; ConsentKit denies it while the account is closed.

    @Test
    void shouldNotTrainOnAGermanMembersPostWhileTheirAccountIsClosed() {
        Member closed = GERMAN.toBuilder().closure(AccountClosure.between(Instant.parse("2025-11-20T00:00:00Z"),
                Instant.parse("2025-11-30T00:00:00Z"))).build();

        Decision decision = decide(GERMAN_POST, closed, Instant.parse("2025-11-25T00:00:00Z"));

        assertEquals(Reason.ACCOUNT_CLOSED, decision.reason());
        assertEquals(Optional.of(AccountClosure.between(Instant.parse("2025-11-20T00:00:00Z"),
                Instant.parse("2025-11-30T00:00:00Z"))), decision.evidence().closure());
    }

    @Test
    void shouldTrainOnAGermanMembersPostByDefaultAgainOnceTheAccountIsReopened() {
        Member reopened = GERMAN.toBuilder().closure(AccountClosure.between(Instant.parse("2025-11-20T00:00:00Z"),
                Instant.parse("2025-11-30T00:00:00Z"))).build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(GERMAN_POST, reopened, Instant.parse("2025-11-30T00:00:00Z"))
                .reason());
    }

    @Test
    void shouldKeepAnOptOutMadeBeforeTheAccountWasClosedAfterItIsReopened() {
        Member reopened = GERMAN.withConsentEvent(OPT_OUT).toBuilder()
                .closure(AccountClosure.between(Instant.parse("2025-11-20T00:00:00Z"),
                        Instant.parse("2025-11-30T00:00:00Z"))).build();

        Decision decision = decide(GERMAN_POST, reopened, Instant.parse("2025-12-01T00:00:00Z"));

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(OPT_OUT), decision.evidence().consentEvent());
    }

    private static Member member(String id, String country) {
        return Member.builder(id).birthDate(LocalDate.of(1990, 4, 1)).residentIn(Jurisdiction.of(country)).build();
    }

    /** Evaluates, and checks that the fast answer agrees with the explained one. */
    private static Decision decide(ContentItem item, Member member, Instant asOf) {
        Decision decision = LINKEDIN.evaluate(item, member, asOf);
        assertEquals(decision.trainable(), LINKEDIN.isTrainable(item, member, asOf),
                () -> "isTrainable disagrees with " + decision);
        return decision;
    }
}
