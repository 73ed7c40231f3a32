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

/** Walks Meta's EU training program: public content of adults in the EU, from 2025-05-27, until they object. */
class MetaEuProgramTest {

    private static final TrainingPolicy META = RealPrograms.metaEu();

    private static final Instant START = Instant.parse("2025-05-27T00:00:00Z");
    private static final Instant OBJECTION_AT = Instant.parse("2025-06-15T14:00:00Z");

    private static final ConsentEvent OBJECTION = ConsentEvent.optOut("obj-1", Purpose.GENERATIVE_AI_TRAINING,
            OBJECTION_AT, Instant.parse("2025-06-16T09:00:00Z"), ConsentChannel.OBJECTION_FORM);

    private static final Member FRENCH = member("m-fr", "FR");
    private static final ContentItem FRENCH_POST = ContentItem.of("post-fr", "m-fr", DataCategory.PUBLIC_CONTENT,
            Instant.parse("2025-04-02T08:00:00Z"));
    private static final ContentItem FRENCH_PHOTO = ContentItem.of("photo-fr", "m-fr", RealPrograms.PUBLIC_PHOTO,
            Instant.parse("2025-04-02T08:00:00Z"));

    @Test
    void shouldTrainOnAFrenchMembersPublicPostByDefaultFromTheStart() {
        Decision decision = decide(FRENCH_POST, FRENCH, START);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
        assertEquals("version 2025-05 allows FR by its rule for EU under LEGITIMATE_INTERESTS",
                decision.evidence().description());
    }

    @Test
    void shouldTrainOnAFrenchMembersPublicPhotoByDefaultFromTheStart() {
        Decision decision = decide(FRENCH_PHOTO, FRENCH, START);

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"content.public.caption", "content.public.comment", "profile", "ai.interactions"})
    void shouldTrainOnEveryKindOfContentTheProgramUses(String category) {
        ContentItem item = ContentItem.of("item-fr", "m-fr", DataCategory.of(category),
                Instant.parse("2025-04-02T08:00:00Z"));

        Decision decision = decide(item, FRENCH, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldNotTrainOnAFrenchMembersPublicPhotoBeforeTheStart() {
        Decision decision = decide(FRENCH_PHOTO, FRENCH, START.minusNanos(1));

        assertEquals(Reason.POLICY_NOT_IN_FORCE, decision.reason());
        assertEquals(Optional.of(START), decision.evidence().at());
    }

    @Test
    void shouldTrainOnPublicPostsWrittenYearsBeforeTheStart() {
        ContentItem oldPost = ContentItem.of("post-2012", "m-fr", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2012-07-14T20:00:00Z"));

        Decision decision = decide(oldPost, FRENCH, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldNotTrainOnAPublicPhotoFromTheObjectionOn() {
        Member objected = FRENCH.withConsentEvent(OBJECTION);

        Decision decision = decide(FRENCH_PHOTO, objected, OBJECTION_AT);

        assertEquals(Reason.OPTED_OUT, decision.reason());
        assertEquals(Optional.of(OBJECTION), decision.evidence().consentEvent());
    }

    @Test
    void shouldStillAllowUseBeforeTheObjectionOnceTheObjectionIsRecorded() {
        Member objected = FRENCH.withConsentEvent(OBJECTION);

        Decision decision = decide(FRENCH_PHOTO, objected, OBJECTION_AT.minusNanos(1));

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decision.reason());
    }

    @Test
    void shouldExcludeAUsMemberFromAnEuOnlyProgram() {
        Member american = member("m-us", "US");
        ContentItem post = ContentItem.of("post-us", "m-us", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-04-02T08:00:00Z"));

        Decision decision = decide(post, american, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.JURISDICTION_EXCLUDED, decision.reason());
        assertEquals("version 2025-05 excludes US by default", decision.evidence().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO", "IS", "LI", "CH", "GB"})
    void shouldExcludeEuropeanMembersOutsideTheEu(String country) {
        Member member = member("m-1", country);
        ContentItem post = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT,
                Instant.parse("2025-04-02T08:00:00Z"));

        Decision decision = decide(post, member, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.JURISDICTION_EXCLUDED, decision.reason());
    }

    @Test
    void shouldNeverTrainOnPrivateMessages() {
        ContentItem message = ContentItem.of("dm-fr", "m-fr", DataCategory.PRIVATE_MESSAGES,
                Instant.parse("2025-04-02T08:00:00Z"));

        Decision decision = decide(message, FRENCH, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.CATEGORY_EXCLUDED, decision.reason());
    }

    @Test
    void shouldNeverTrainOnAMinorsPublicPhoto() {
        Member minor = Member.builder("m-fr-16").birthDate(LocalDate.of(2009, 1, 20)).residentIn(Jurisdiction.of("FR"))
                .build();
        ContentItem photo = ContentItem.of("photo-16", "m-fr-16", RealPrograms.PUBLIC_PHOTO,
                Instant.parse("2025-04-02T08:00:00Z"));

        Decision decision = decide(photo, minor, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.MINOR, decision.reason());
        assertEquals(List.of(Reason.MINOR, Reason.CREATED_WHILE_MINOR), decision.failedChecks());
    }

    @Test
    void shouldNeverTrainOnPhotosAMemberSharedAsAMinor() {
        Member nowAdult = Member.builder("m-fr-18").birthDate(LocalDate.of(2007, 3, 1))
                .residentIn(Jurisdiction.of("FR")).build();
        ContentItem photoAtSeventeen = ContentItem.of("photo-17", "m-fr-18", RealPrograms.PUBLIC_PHOTO,
                Instant.parse("2025-02-28T23:59:59Z"));

        Decision decision = decide(photoAtSeventeen, nowAdult, Instant.parse("2025-06-01T00:00:00Z"));

        assertEquals(Reason.CREATED_WHILE_MINOR, decision.reason());
    }

    /**
     * Meta trains only on adults' public posts. A French member born on 29 February 2008 is still a
     * minor on 28 February 2026 under the policy's default, fail-closed reading of a leap-day
     * birthday, and of age from 1 March; a version may choose 28 February explicitly.
     */
    @Test
    void shouldKeepAMemberBornOn29FebruaryAMinorUntil1MarchUnlessTheVersionSays28February() {
        Member leapling = Member.builder("m-fr-leap").birthDate(LocalDate.of(2008, 2, 29))
                .residentIn(Jurisdiction.of("FR")).build();
        ContentItem photo = ContentItem.of("photo-fr-leap", "m-fr-leap", RealPrograms.PUBLIC_PHOTO,
                Instant.parse("2025-06-01T08:00:00Z"));
        ContentItem adultPhoto = ContentItem.of("photo-fr-leap-18", "m-fr-leap", RealPrograms.PUBLIC_PHOTO,
                Instant.parse("2026-03-01T08:00:00Z"));
        Instant lastDayOfFebruary = Instant.parse("2026-02-28T12:00:00Z");
        TrainingPolicy readAs28February = TrainingPolicy.builder(META.id(), META.purpose())
                .version(META.versions().get(0).toBuilder("2025-05-feb28", META.versions().get(0).effectiveFrom())
                        .leapDayBirthday(LeapDayBirthday.FEBRUARY_28).build())
                .build();

        assertEquals(Reason.MINOR, decide(photo, leapling, lastDayOfFebruary).reason());
        assertEquals(Reason.CREATED_WHILE_MINOR, readAs28February.evaluate(photo, leapling, lastDayOfFebruary).reason());
        assertTrue(META.isTrainable(adultPhoto, leapling, Instant.parse("2026-03-01T09:00:00Z")));
        assertFalse(META.isTrainable(photo, leapling, Instant.parse("2026-03-01T09:00:00Z")));
    }

    /**
     * Meta's EU members object to AI training through Meta's objection form. A Global Privacy Control
     * signal recorded for "do not sell or share" is not that objection as the program is published; a
     * version that reads it as an objection by automated means (GDPR Art. 21(5)) stops use from the
     * signal on, and a later objection form still decides as before.
     */
    @Test
    void shouldReadAGpcSignalAsAnObjectionOnlyInAVersionThatChoosesTo() {
        Instant signalAt = Instant.parse("2025-06-01T00:00:00Z");
        Member signalling = FRENCH.withConsentEvent(ConsentEvent.optOut("gpc-fr", Purpose.of("sale-and-sharing"),
                signalAt, signalAt, ConsentChannel.GPC_SIGNAL));
        PolicyVersion published = META.versions().get(0);
        TrainingPolicy countingSignals = TrainingPolicy.builder(META.id(), META.purpose())
                .version(published.toBuilder(published.id(), published.effectiveFrom()).gpcSignalsObject(true).build())
                .build();
        Instant asOf = Instant.parse("2025-06-10T00:00:00Z");

        assertTrue(META.isTrainable(FRENCH_POST, signalling, asOf));
        assertEquals(Reason.OPTED_OUT, countingSignals.evaluate(FRENCH_POST, signalling, asOf).reason());
        assertTrue(countingSignals.isTrainable(FRENCH_POST, signalling, signalAt.minusSeconds(1)));
    }

    // Facebook Help Center ("Permanently delete your Facebook account"): a member who asked for deletion
    // can cancel it by logging back in within 30 days; a deactivated account is reactivated the same
    // way. Either is a closure that ends with a reopening.

    private static final Instant DELETION_REQUESTED = Instant.parse("2025-07-01T00:00:00Z");
    private static final Instant DELETION_CANCELLED = Instant.parse("2025-07-20T12:00:00Z");

    @Test
    void shouldNotTrainOnAPublicPhotoWhileDeletionIsPending() {
        Member deleting = FRENCH.toBuilder().closure(AccountClosure.between(DELETION_REQUESTED, DELETION_CANCELLED))
                .build();

        assertEquals(Reason.ACCOUNT_CLOSED, decide(FRENCH_PHOTO, deleting, DELETION_REQUESTED).reason());
        assertEquals(Reason.ACCOUNT_CLOSED, decide(FRENCH_PHOTO, deleting, DELETION_CANCELLED.minusNanos(1)).reason());
    }

    @Test
    void shouldTrainOnAPublicPhotoAgainFromTheCancelledDeletionOn() {
        Member back = FRENCH.toBuilder().closure(AccountClosure.between(DELETION_REQUESTED, DELETION_CANCELLED))
                .build();

        assertEquals(Reason.ALLOWED_BY_DEFAULT, decide(FRENCH_PHOTO, back, DELETION_CANCELLED).reason());
    }

    @Test
    void shouldKeepAnObjectionAcrossACancelledDeletion() {
        Member back = FRENCH.withConsentEvent(OBJECTION).toBuilder()
                .closure(AccountClosure.between(DELETION_REQUESTED, DELETION_CANCELLED)).build();

        assertEquals(Reason.OPTED_OUT, decide(FRENCH_PHOTO, back, Instant.parse("2025-08-01T00:00:00Z")).reason());
    }

    @Test
    void shouldNeverTrainAgainOnceTheDeletionIsCarriedOut() {
        Member deleted = FRENCH.toBuilder().closedAt(DELETION_REQUESTED).build();

        assertEquals(Reason.ACCOUNT_CLOSED, decide(FRENCH_PHOTO, deleted, Instant.parse("2026-01-01T00:00:00Z")).reason());
    }

    private static Member member(String id, String country) {
        return Member.builder(id).birthDate(LocalDate.of(1985, 11, 2)).residentIn(Jurisdiction.of(country)).build();
    }

    /** Evaluates, and checks that the fast answer agrees with the explained one. */
    private static Decision decide(ContentItem item, Member member, Instant asOf) {
        Decision decision = META.evaluate(item, member, asOf);
        assertEquals(decision.trainable(), META.isTrainable(item, member, asOf),
                () -> "isTrainable disagrees with " + decision);
        return decision;
    }
}
