package dev.consentkit;

import java.time.Instant;

/** The real training programs of the domain reference, built as policies, with their published dates. */
final class RealPrograms {

    /** Photos a member shared publicly; Meta's program names photos and captions besides posts. */
    static final DataCategory PUBLIC_PHOTO = DataCategory.of("content.public.photo");
    /** Captions of public photos. */
    static final DataCategory PUBLIC_CAPTION = DataCategory.of("content.public.caption");
    /** A consumer chat with Claude. */
    static final DataCategory CHAT = DataCategory.of("ai.interactions.chat");
    /** A coding session with the program's coding tool. */
    static final DataCategory CODING_SESSION = DataCategory.of("ai.interactions.coding");

    private static final Instant LINKEDIN_LAUNCH = Instant.parse("2024-09-18T00:00:00Z");
    private static final Instant LINKEDIN_GB_EXCLUDED = Instant.parse("2024-09-20T00:00:00Z");
    private static final Instant LINKEDIN_EUROPE_INCLUDED = Instant.parse("2025-11-03T00:00:00Z");
    private static final Instant META_EU_START = Instant.parse("2025-05-27T00:00:00Z");
    private static final Instant ANTHROPIC_START = Instant.parse("2025-08-28T00:00:00Z");

    private static final Jurisdiction CH = Jurisdiction.of("CH");
    private static final Jurisdiction GB = Jurisdiction.of("GB");

    private RealPrograms() {}

    /**
     * LinkedIn's "Data for Generative AI Improvement" setting ("Use my data for training content
     * creation AI models"), policy {@code linkedin-genai} for {@code ai-training.generative}.
     *
     * <ul>
     *   <li>{@code 2024-09} from 2024-09-18: legitimate interests, on by default (opt-out); the EU,
     *       the EEA and Switzerland excluded.
     *   <li>{@code 2024-09-gb} from 2024-09-20: as before, and the United Kingdom ({@code GB}) excluded
     *       too.
     *   <li>{@code 2025-11} from 2025-11-03: the EU, the EEA, Switzerland and the United Kingdom
     *       included under legitimate interests.
     * </ul>
     *
     * <p>In every version: profile details, public posts, articles and comments, group posts and
     * group messages, prompts to AI features, and saved resumes and screening answers may be used;
     * private messages, credentials, payment data, salary data and data tied to a specific job
     * application never; members under 18 never. An opt-out stops use from then on and does not
     * undo training already done.
     */
    static TrainingPolicy linkedIn() {
        PolicyVersion launch = linkedInRules(PolicyVersion.builder("2024-09", LINKEDIN_LAUNCH))
                .exclude(Jurisdiction.EU, Jurisdiction.EEA, CH)
                .build();
        PolicyVersion gbExcluded = launch.toBuilder("2024-09-gb", LINKEDIN_GB_EXCLUDED)
                .exclude(GB)
                .build();
        // The 2025 announcement says Canada and Hong Kong are "now included" as well, but neither is
        // in the 2024 exclusion list, so both run under the default from launch on. The regions the
        // version brings back get a rule of their own, so a decision's evidence names that rule.
        PolicyVersion europeIncluded = linkedInRules(PolicyVersion.builder("2025-11", LINKEDIN_EUROPE_INCLUDED))
                .basis(Jurisdiction.EU, LegalBasis.LEGITIMATE_INTERESTS)
                .basis(Jurisdiction.EEA, LegalBasis.LEGITIMATE_INTERESTS)
                .basis(CH, LegalBasis.LEGITIMATE_INTERESTS)
                .basis(GB, LegalBasis.LEGITIMATE_INTERESTS)
                .build();
        return TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(launch)
                .version(gbExcluded)
                .version(europeIncluded)
                .build();
    }

    private static PolicyVersion.Builder linkedInRules(PolicyVersion.Builder version) {
        return version.defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                .allow(DataCategory.PROFILE_DETAILS, DataCategory.PUBLIC_CONTENT, DataCategory.GROUP_CONTENT,
                        DataCategory.AI_INTERACTIONS, DataCategory.SAVED_JOB_DATA)
                .neverAllow(DataCategory.PRIVATE_MESSAGES, DataCategory.CREDENTIALS, DataCategory.PAYMENT,
                        DataCategory.SALARY, DataCategory.JOB_APPLICATIONS)
                .minimumAge(18);
    }

    /**
     * Meta's EU program, policy {@code meta-eu-genai} for {@code ai-training.generative}, one version
     * {@code 2025-05} from 2025-05-27.
     *
     * <p>It runs in the EU only, under legitimate interests (on by default; members object with a
     * form), and nowhere else: Norway, Iceland and Liechtenstein (EEA but not EU) are outside it too.
     * Public posts, comments, photos and captions ({@code content.public} and everything under it,
     * such as {@link #PUBLIC_PHOTO}), the public profile and chats with Meta AI may be used, whenever
     * they were written; private messages never; members under 18 never. An objection stops use from
     * then on and does not undo training already done.
     */
    static TrainingPolicy metaEu() {
        return TrainingPolicy.builder("meta-eu-genai", Purpose.GENERATIVE_AI_TRAINING)
                .version(PolicyVersion.builder("2025-05", META_EU_START)
                        .excludedByDefault()
                        .basis(Jurisdiction.EU, LegalBasis.LEGITIMATE_INTERESTS)
                        .allow(DataCategory.PUBLIC_CONTENT, DataCategory.PROFILE_DETAILS, DataCategory.AI_INTERACTIONS)
                        .neverAllow(DataCategory.PRIVATE_MESSAGES)
                        .minimumAge(18)
                        .build())
                .build();
    }

    /**
     * Anthropic's consumer program (Claude Free, Pro and Max), policy {@code anthropic-consumer} for
     * {@code ai-training}, one version {@code 2025-08} from 2025-08-28, following Anthropic's updates to
     * its consumer terms and privacy policy effective 28 August 2025. The "Help improve Claude"
     * setting governs model training as a whole, not only generative models, hence the broad purpose.
     *
     * <p>Members everywhere must make a choice; the setting is pre-set on, but nothing is used until
     * the member confirms it, so it is modelled as consent (opt-in). Chats and coding sessions
     * ({@code ai.interactions} and everything under it, such as {@link #CHAT} and
     * {@link #CODING_SESSION}) may be used, and the setting applies to "new or resumed chats and coding
     * sessions": only those created, or last resumed ({@link ContentItem#resumedAt()}), at or after the
     * member's own opt-in count ({@link PolicyVersion#itemsFromMembersChoice()}). A member who deferred
     * and accepted later keeps the chats from before the acceptance out unless they resume them. No
     * program-wide item scope is needed: a member's opt-in for the program is made from its start on,
     * and a program-wide scope would judge a resumed chat by its creation. Deleted chats are never used
     * (the item's {@code deletedAt}); members under 18 never. Opting out stops use from then on.
     *
     * <p>Business, government, education and API plans are outside the program; the policy cannot
     * see a member's plan, so the caller must not ask about those members' items at all.
     */
    static TrainingPolicy anthropicConsumer() {
        return TrainingPolicy.builder("anthropic-consumer", Purpose.AI_TRAINING)
                .version(PolicyVersion.builder("2025-08", ANTHROPIC_START)
                        .defaultBasis(LegalBasis.CONSENT)
                        .allow(DataCategory.AI_INTERACTIONS)
                        .itemsFromMembersChoice(true)
                        .minimumAge(18)
                        .build())
                .build();
    }
}
