package dev.consentkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.ItemColumns;
import dev.consentkit.batch.MemberStore;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that every public type of the package is closed to subclassing and, apart from the builders,
 * holds only final fields.
 */
class ImmutabilityTest {

    // Builders collect values step by step and say so ("Not thread-safe"); what they build is checked.
    private static final Set<Class<?>> BUILDERS = Set.of(
            Member.Builder.class, PolicyVersion.Builder.class, TrainingPolicy.Builder.class, MemberStore.Builder.class,
            BatchEvaluator.Builder.class, Decision.Builder.class, Evidence.Builder.class);

    static Stream<Class<?>> publicTypes() {
        return PublicTypes.all().stream();
    }

    static Stream<Class<?>> publicValueTypes() {
        return publicTypes().filter(type -> !BUILDERS.contains(type));
    }

    @Test
    void shouldFindTheCorePublicTypes() {
        List<Class<?>> types = PublicTypes.all();

        assertTrue(types.containsAll(List.of(TrainingPolicy.class, Decision.class, Member.class, ContentItem.class,
                ConsentHistory.class, Member.Builder.class, Evidence.Kind.class, MemberStore.class, MemberStore.Builder.class,
                BatchEvaluator.class, ItemColumns.class)), types.toString());
    }

    @ParameterizedTest
    @MethodSource("publicTypes")
    void shouldBeFinalAnEnumOrARecord(Class<?> type) {
        assertTrue(type.isEnum() || type.isRecord() || Modifier.isFinal(type.getModifiers()),
                type.getName() + " can be subclassed");
    }

    @ParameterizedTest
    @MethodSource("publicValueTypes")
    void shouldHoldOnlyFinalInstanceFields(Class<?> type) {
        List<String> mutable = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) && !Modifier.isFinal(modifiers)) {
                mutable.add(field.getName());
            }
        }

        assertTrue(mutable.isEmpty(), type.getName() + " has non-final instance fields " + mutable);
    }

    @ParameterizedTest
    @MethodSource("publicValueTypes")
    void shouldExposeNoPublicField(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            assertTrue(!Modifier.isPublic(modifiers) || (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)),
                    type.getName() + "." + field.getName() + " is a public mutable field");
        }
    }

    @ParameterizedTest
    @MethodSource("publicTypes")
    void shouldHaveNoStaticMutableField(Class<?> type) {
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            assertTrue(!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers),
                    type.getName() + "." + field.getName() + " is a mutable static field");
        }
    }
}
