package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.common.testing.NullPointerTester;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.MemberVerdict;
import dev.consentkit.batch.ItemColumns;
import dev.consentkit.batch.MemberStore;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that every public constructor and method rejects {@code null} with a {@link NullPointerException}
 * naming the parameter wherever it is not marked {@code @Nullable}, and accepts {@code null} wherever it is.
 */
class NullHandlingTest {

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2025-11-10T00:00:00Z");
    private static final Jurisdiction DE = Jurisdiction.of("DE");
    private static final ConsentEvent EVENT = ConsentEvent.optOut("e-1", Purpose.GENERATIVE_AI_TRAINING, LATER, LATER,
            ConsentChannel.SETTINGS_TOGGLE);
    private static final Member MEMBER = Member.builder("m-1").birthDate(LocalDate.of(1990, 4, 1)).residentIn(DE)
            .consent(EVENT).build();
    private static final ContentItem ITEM = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, FROM);
    private static final Reservation RESERVATION = new Reservation(ReservationSource.TDM_REP, LATER);
    private static final PolicyVersion VERSION = PolicyVersion.builder("v1", FROM)
            .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS).allow(DataCategory.CONTENT).exclude(Jurisdiction.EU).build();
    private static final TrainingPolicy POLICY = TrainingPolicy.builder("p", Purpose.GENERATIVE_AI_TRAINING)
            .version(VERSION).build();
    private static final Evidence EVIDENCE = Evidence.of(EVENT);
    private static final Decision DECISION = POLICY.evaluate(ITEM, MEMBER, LATER);
    private static final MemberStore STORE = MemberStore.of(List.of(MEMBER));
    private static final ItemColumns COLUMNS = ItemColumns.of(new int[] {0}, new int[] {0},
            List.of(DataCategory.PUBLIC_CONTENT), new long[] {1_735_689_600_000L}, TimeUnit.MILLISECONDS);

    private static final List<Class<?>> PUBLIC_TYPES = List.of(
            AccountClosure.class, ConsentChannel.class, ConsentChoice.class, ConsentEvent.class, ConsentHistory.class, ContentItem.class,
            DataCategory.class, Decision.class, Decision.Builder.class, Evidence.class, Evidence.Builder.class,
            Evidence.Kind.class, Jurisdiction.class,
            Jurisdiction.Kind.class, JurisdictionRule.class, JurisdictionTimeline.class, LegalBasis.class, Member.class,
            BatchEvaluator.class, BatchEvaluator.Builder.class, ItemColumns.class, MemberStore.class, MemberStore.Builder.class,
            MemberVerdict.class,
            Member.Builder.class, PolicyVersion.class, PolicyVersion.Builder.class, Purpose.class, Reason.class,
            Reservation.class, ReservationSource.class, Residence.class, StoredSpan.class, TrainingPolicy.class,
            TrainingPolicy.Builder.class, TrainingPolicy.Replay.class, UnknownAge.class,
            LeapDayBirthday.class);

    private static final Map<Class<?>, Object> DEFAULTS = defaults();

    private static Map<Class<?>, Object> defaults() {
        Map<Class<?>, Object> defaults = new LinkedHashMap<>();
        defaults.put(String.class, "m-1");
        defaults.put(Instant.class, FROM);
        defaults.put(LocalDate.class, LocalDate.of(1990, 4, 1));
        defaults.put(Purpose.class, Purpose.GENERATIVE_AI_TRAINING);
        defaults.put(DataCategory.class, DataCategory.PUBLIC_CONTENT);
        defaults.put(Jurisdiction.class, DE);
        defaults.put(ConsentEvent.class, EVENT);
        defaults.put(ConsentHistory.class, ConsentHistory.of(EVENT));
        defaults.put(Residence.class, new Residence(FROM, DE));
        defaults.put(AccountClosure.class, AccountClosure.from(FROM));
        defaults.put(JurisdictionTimeline.class, JurisdictionTimeline.always(DE));
        defaults.put(Member.class, MEMBER);
        defaults.put(Reservation.class, RESERVATION);
        defaults.put(ContentItem.class, ITEM);
        defaults.put(JurisdictionRule.class, JurisdictionRule.excluded(Jurisdiction.of("CH")));
        defaults.put(PolicyVersion.class, VERSION);
        defaults.put(TrainingPolicy.class, POLICY);
        defaults.put(MemberStore.class, STORE);
        defaults.put(ItemColumns.class, COLUMNS);
        defaults.put(Executor.class, (Executor) Runnable::run);
        defaults.put(TimeUnit.class, TimeUnit.MILLISECONDS);
        defaults.put(Iterable.class, List.of(MEMBER));
        // Never consumed: every call that gets it fails on a null argument first.
        defaults.put(Stream.class, Stream.of(ITEM));
        defaults.put(Evidence.class, EVIDENCE);
        defaults.put(Reason.class, Reason.OPTED_OUT);
        defaults.put(LegalBasis.class, LegalBasis.CONSENT);
        defaults.put(UnknownAge.class, UnknownAge.DENY);
        defaults.put(LeapDayBirthday.class, LeapDayBirthday.MARCH_1);
        defaults.put(ConsentChoice.class, ConsentChoice.OPT_OUT);
        defaults.put(ConsentChannel.class, ConsentChannel.API);
        defaults.put(ReservationSource.class, ReservationSource.ITEM_FLAG);
        defaults.put(Evidence.Kind.class, Evidence.Kind.ITEM_FACT);
        defaults.put(Jurisdiction.Kind.class, Jurisdiction.Kind.COUNTRY);
        defaults.put(List.class, List.of());
        defaults.put(Collection.class, List.of());
        defaults.put(int.class, 18);
        defaults.put(Duration.class, Duration.ofSeconds(5));
        defaults.put(MemberVerdict.class, MemberVerdict.of(0, Long.MIN_VALUE));
        return defaults;
    }

    private static NullPointerTester tester() {
        NullPointerTester tester = new NullPointerTester();
        DEFAULTS.forEach((type, value) -> setDefault(tester, type, value));
        return tester;
    }

    private static <T> void setDefault(NullPointerTester tester, Class<T> type, Object value) {
        if (!type.isPrimitive()) {
            tester.setDefault(type, type.cast(value));
        }
    }

    static Stream<Class<?>> publicTypes() {
        return PUBLIC_TYPES.stream();
    }

    static Stream<Object> instances() {
        return Stream.of(
                DataCategory.PUBLIC_CONTENT,
                DataCategory.PROFILE_DETAILS,
                Purpose.AI_TRAINING,
                Purpose.GENERATIVE_AI_TRAINING,
                Jurisdiction.EU,
                Jurisdiction.EEA,
                DE,
                Jurisdiction.of("US-CA"),
                JurisdictionTimeline.unknown(),
                JurisdictionTimeline.always(DE).movedTo(Jurisdiction.of("FR"), LATER),
                new Residence(FROM, DE),
                ConsentEvent.optIn("e-2", Purpose.AI_TRAINING, FROM, LATER, ConsentChannel.API),
                ConsentHistory.empty(),
                ConsentHistory.of(EVENT),
                RESERVATION,
                ITEM,
                ITEM.withReservation(RESERVATION).withDeletedAt(LATER).withResumedAt(LATER),
                MEMBER,
                Member.builder("m-2"),
                JurisdictionRule.excluded(DE),
                JurisdictionRule.withBasis(DE, LegalBasis.CONSENT),
                VERSION,
                PolicyVersion.builder("v2", LATER),
                POLICY,
                TrainingPolicy.builder("q", Purpose.AI_TRAINING),
                POLICY.asKnownAt(LATER),
                EVIDENCE,
                Evidence.builder(Reason.JURISDICTION_UNKNOWN).memberId("m-1").build(),
                Evidence.builder(Reason.ITEM_DELETED),
                Decision.builder("post-1", "m-1", LATER),
                DECISION,
                Reason.OPTED_OUT,
                LegalBasis.CONSENT,
                UnknownAge.DENY,
                LeapDayBirthday.MARCH_1,
                ConsentChoice.OPT_IN,
                ConsentChannel.GPC_SIGNAL,
                ReservationSource.C2PA_TRAINING_MINING,
                Evidence.Kind.POLICY_RULE,
                Jurisdiction.Kind.GROUP,
                STORE,
                // A store that shares another's arrays, with a member replaced in its delta.
                MemberStore.of(List.of(MEMBER, Member.builder("m-2").build(), Member.builder("m-3").build(),
                        Member.builder("m-4").build())).withChanges(List.of(MEMBER), List.of("m-2")),
                MemberStore.builder().add(MEMBER),
                COLUMNS,
                COLUMNS.withDeletedAt(new long[] {Long.MAX_VALUE}).withReservedFrom(new long[] {Long.MAX_VALUE})
                        .withResumedAt(new long[] {Long.MAX_VALUE}),
                BatchEvaluator.of(POLICY, STORE, LATER),
                BatchEvaluator.builder(POLICY, STORE).knownAt(FROM).build(LATER),
                BatchEvaluator.builder(POLICY, STORE),
                MemberVerdict.of(0, Long.MIN_VALUE));
    }

    @ParameterizedTest
    @MethodSource("publicTypes")
    void shouldRejectNullInEveryPublicConstructor(Class<?> type) {
        tester().testAllPublicConstructors(type);
    }

    @ParameterizedTest
    @MethodSource("publicTypes")
    void shouldRejectNullInEveryPublicStaticMethod(Class<?> type) {
        tester().testAllPublicStaticMethods(type);
    }

    @ParameterizedTest
    @MethodSource("instances")
    void shouldRejectNullInEveryPublicInstanceMethod(Object instance) {
        tester().testAllPublicInstanceMethods(instance);
    }

    @ParameterizedTest
    @MethodSource("publicTypes")
    void shouldNameTheNullParameterOfEveryPublicConstructorAndStaticMethod(Class<?> type) {
        List<Executable> executables = new ArrayList<>(Arrays.asList(type.getConstructors()));
        for (Method method : type.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers())
                    && !method.isSynthetic() && !isEnumValueOf(type, method)) {
                executables.add(method);
            }
        }
        List<String> unnamed = new ArrayList<>();
        for (Executable executable : executables) {
            unnamed.addAll(parametersNotNamedWhenNull(null, executable));
        }

        assertEquals(List.of(), unnamed);
    }

    @ParameterizedTest
    @MethodSource("instances")
    void shouldNameTheNullParameterOfEveryPublicInstanceMethod(Object instance) {
        List<String> unnamed = new ArrayList<>();
        for (Method method : instance.getClass().getMethods()) {
            if (!Modifier.isStatic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()
                    && method.getDeclaringClass().getPackageName().equals(TrainingPolicy.class.getPackageName())
                    && !method.getName().equals("equals")) {
                unnamed.addAll(parametersNotNamedWhenNull(instance, method));
            }
        }

        assertEquals(List.of(), unnamed);
    }

    // The JDK generates valueOf(String) for every enum and words its own message.
    private static boolean isEnumValueOf(Class<?> type, Method method) {
        return type.isEnum() && method.getName().equals("valueOf") && method.getParameterCount() == 1;
    }

    /**
     * Calls {@code executable} once per non-nullable reference parameter with {@code null} there and a
     * valid default everywhere else, and lists the parameters whose NullPointerException message does
     * not name them.
     */
    private static List<String> parametersNotNamedWhenNull(@Nullable Object instance, Executable executable) {
        List<String> unnamed = new ArrayList<>();
        Parameter[] parameters = executable.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (parameter.getType().isPrimitive() || parameter.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                continue;
            }
            Object[] arguments = new Object[parameters.length];
            for (int j = 0; j < parameters.length; j++) {
                arguments[j] = j == i ? null : defaultFor(parameters[j].getType());
            }
            String message = nullPointerMessage(instance, executable, arguments);
            String name = parameter.getName();
            if (message == null || !(message.equals(name) || message.startsWith(name + "["))) {
                unnamed.add(executable.getDeclaringClass().getSimpleName() + "." + executable.getName() + "(" + name
                        + ") says: " + message);
            }
        }
        return unnamed;
    }

    private static Object defaultFor(Class<?> type) {
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        Object value = DEFAULTS.get(type);
        if (value == null) {
            throw new IllegalStateException("no default for " + type);
        }
        return value;
    }

    private static @Nullable String nullPointerMessage(@Nullable Object instance, Executable executable,
            Object[] arguments) {
        try {
            if (executable instanceof Constructor) {
                ((Constructor<?>) executable).newInstance(arguments);
            } else {
                ((Method) executable).invoke(instance, arguments);
            }
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof NullPointerException) {
                return e.getCause().getMessage();
            }
            throw new AssertionError(executable + " threw " + e.getCause() + " instead of a NullPointerException",
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError(executable + " accepted null");
    }

    @Test
    void shouldTestEveryPublicTypeOfThePackage() {
        Set<String> tested = new TreeSet<>();
        for (Class<?> type : PUBLIC_TYPES) {
            tested.add(type.getName());
        }

        assertEquals(PublicTypes.names(), tested);
    }

    @Test
    void shouldMarkExactlyTheseParametersNullable() {
        Set<String> nullable = new TreeSet<>();
        for (Class<?> type : PUBLIC_TYPES) {
            Stream.concat(Arrays.stream(type.getConstructors()), Arrays.stream(type.getDeclaredMethods()))
                    .filter(e -> Modifier.isPublic(e.getModifiers()) && !e.getName().equals("equals"))
                    .forEach(e -> addNullableParameters(type, e, nullable));
        }

        assertEquals(new TreeSet<>(Set.of(
                "AccountClosure.<init>#reopenedAt",
                "ContentItem.of#deletedAt",
                "ContentItem.withResumedAt#resumedAt",
                "Decision$Builder.policy#policyVersion",
                "Evidence$Builder.at#at",
                "Evidence$Builder.category#neverAllowedRule",
                "Evidence$Builder.jurisdiction#rule",
                "Evidence.recorded#at",
                "Evidence.recorded#consentEvent",
                "JurisdictionRule.<init>#basis",
                "Member$Builder.birthDate#birthDate",
                "Member$Builder.closedAt#closedAt",
                "PolicyVersion$Builder.itemsCreatedFrom#from")), nullable);
    }

    private static void addNullableParameters(Class<?> type, Executable executable, Set<String> into) {
        String name = type.getName().substring(type.getPackageName().length() + 1) + "."
                + (executable instanceof Constructor ? "<init>" : executable.getName());
        for (Parameter parameter : executable.getParameters()) {
            if (parameter.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                into.add(name + "#" + parameter.getName());
            }
        }
    }

    @Test
    void shouldAcceptNoDeletionForAFullContentItem() {
        ContentItem item = ContentItem.of("post-1", "m-1", DataCategory.PUBLIC_CONTENT, FROM, null, List.of());

        assertEquals(Optional.empty(), item.deletedAt());
    }

    @Test
    void shouldAcceptNoKnowledgeInstantAndNoVersionForADecision() {
        Decision decision = Decision.builder("post-1", "m-1", LATER).failedChecks(List.of(Reason.POLICY_NOT_IN_FORCE))
                .policy("p", null).evidence(Evidence.builder(Reason.POLICY_NOT_IN_FORCE).policyId("p").policyVersion("v1")
                        .at(FROM).build()).build();

        assertEquals(Optional.empty(), decision.knownAt());
        assertEquals(Optional.empty(), decision.policyVersion());
    }

    @Test
    void shouldAcceptEvidenceWithNoInstant() {
        assertEquals(Optional.empty(), Evidence.builder(Reason.AGE_UNKNOWN).memberId("m-1").policyVersion("v1").build().at());
        assertEquals(Optional.empty(), Evidence.recorded(Reason.AGE_UNKNOWN, "no birth date", null, null).at());
    }

    @Test
    void shouldAcceptARuleWithNoBasisAsAnExclusion() {
        JurisdictionRule rule = new JurisdictionRule(DE, null);

        assertEquals(JurisdictionRule.excluded(DE), rule);
    }

    @Test
    void shouldAcceptAnUnknownBirthDateAndAnOpenAccountInTheMemberBuilder() {
        Member member = Member.builder("m-1").birthDate(null).closedAt(null).build();

        assertEquals(Optional.empty(), member.birthDate());
        assertEquals(Optional.empty(), member.closedAt());
    }

    @Test
    void shouldAcceptNoItemScopeInTheVersionBuilder() {
        PolicyVersion version = PolicyVersion.builder("v1", FROM).excludedByDefault().itemsCreatedFrom(null).build();

        assertEquals(Optional.empty(), version.itemsCreatedFrom());
    }

    @ParameterizedTest
    @MethodSource("instances")
    void shouldNotEqualNull(Object instance) {
        assertFalse(instance.equals(null));
    }
}
