package dev.consentkit.jackson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentEvent;
import dev.consentkit.DataCategory;
import dev.consentkit.Jurisdiction;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.TrainingPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shows that the {@link ConsentModule} works on an {@code ObjectMapper} whose owner enabled Jackson's
 * default typing, as applications that cache or queue their own beans often do, and that the module
 * never enables default typing itself: a mapper gets type ids only when its owner asks for them.
 */
class ConsentModuleDefaultTypingTest {

    /** An application's validator: only its own packages and ConsentKit's may be named by a type id. */
    private static final PolymorphicTypeValidator VALIDATOR = BasicPolymorphicTypeValidator.builder()
            .allowIfSubType("dev.consentkit.")
            .allowIfSubType("java.util.")
            .build();

    private static final TrainingPolicy POLICY = TrainingPolicy.builder("linkedin-genai", Purpose.GENERATIVE_AI_TRAINING)
            .version(PolicyVersion.builder("2025-11", Instant.parse("2025-11-03T00:00:00Z"))
                    .defaultBasis(LegalBasis.LEGITIMATE_INTERESTS)
                    .exclude(Jurisdiction.of("CH"))
                    .allow(DataCategory.PROFILE_DETAILS, DataCategory.PUBLIC_CONTENT)
                    .neverAllow(DataCategory.PRIVATE_MESSAGES)
                    .build())
            .build();

    private static final Member MEMBER = Member.builder("m-1")
            .birthDate(LocalDate.of(1990, 4, 1))
            .residentIn(Jurisdiction.of("DE"))
            .consent(ConsentEvent.optOut("e-7", Purpose.GENERATIVE_AI_TRAINING, Instant.parse("2025-11-10T00:00:00Z"),
                    Instant.parse("2025-11-10T00:00:05Z"), ConsentChannel.SETTINGS_TOGGLE))
            .closure(AccountClosure.between(Instant.parse("2025-12-01T00:00:00Z"), Instant.parse("2025-12-08T00:00:00Z")))
            .build();

    private static List<ObjectMapper> mappersWithDefaultTyping() {
        return List.of(
                new ObjectMapper().activateDefaultTyping(VALIDATOR).registerModule(new ConsentModule()),
                new ObjectMapper().activateDefaultTyping(VALIDATOR, ObjectMapper.DefaultTyping.NON_FINAL,
                        JsonTypeInfo.As.PROPERTY).registerModule(new ConsentModule()),
                // The module registered first, default typing enabled afterwards.
                new ObjectMapper().registerModule(new ConsentModule()).activateDefaultTyping(VALIDATOR,
                        ObjectMapper.DefaultTyping.OBJECT_AND_NON_CONCRETE, JsonTypeInfo.As.WRAPPER_OBJECT));
    }

    @Test
    void shouldWriteAndReadAPolicyOnAMapperWithDefaultTyping() throws Exception {
        for (ObjectMapper mapper : mappersWithDefaultTyping()) {
            String json = mapper.writeValueAsString(POLICY);

            assertEquals(mapper.readTree(ConsentDocuments.writePolicy(POLICY)), mapper.readTree(json));
            assertEquals(POLICY, mapper.readValue(json, TrainingPolicy.class));
            assertEquals(POLICY, mapper.readValue(ConsentDocuments.writePolicy(POLICY), TrainingPolicy.class));
        }
    }

    @Test
    void shouldWriteAndReadAMemberOnAMapperWithDefaultTyping() throws Exception {
        for (ObjectMapper mapper : mappersWithDefaultTyping()) {
            String json = mapper.writeValueAsString(MEMBER);

            assertEquals(mapper.readTree(ConsentDocuments.writeMember(MEMBER)), mapper.readTree(json));
            assertEquals(MEMBER, mapper.readValue(json, Member.class));
            assertEquals(MEMBER, mapper.readValue(ConsentDocuments.writeMember(MEMBER), Member.class));
        }
    }

    @Test
    @SuppressWarnings("deprecation") // DefaultTyping.EVERYTHING is deprecated, yet applications still use it.
    void shouldWriteAndReadConsentKitValuesWhereTheMapperAsksForATypeId() throws Exception {
        List<ObjectMapper> mappers = List.of(
                new ObjectMapper().activateDefaultTyping(VALIDATOR, ObjectMapper.DefaultTyping.EVERYTHING)
                        .registerModule(new ConsentModule()),
                new ObjectMapper().activateDefaultTyping(VALIDATOR, ObjectMapper.DefaultTyping.EVERYTHING,
                        JsonTypeInfo.As.PROPERTY).registerModule(new ConsentModule()),
                new ObjectMapper().activateDefaultTyping(VALIDATOR).registerModule(new ConsentModule()));
        // Values declared as Object: an object-shaped one, and values written as JSON strings.
        List<Object> values = List.of(POLICY, MEMBER, Jurisdiction.of("DE"), Purpose.GENERATIVE_AI_TRAINING);
        for (ObjectMapper mapper : mappers) {
            String json = mapper.writerFor(mapper.getTypeFactory().constructCollectionType(List.class, Object.class))
                    .writeValueAsString(values);

            assertEquals(values, mapper.readValue(json,
                    mapper.getTypeFactory().constructCollectionType(List.class, Object.class)), json);
        }
    }

    @Test
    void shouldKeepTheDefaultTypingItsOwnerEnabled() {
        ObjectMapper mapper = new ObjectMapper().activateDefaultTyping(VALIDATOR).registerModule(new ConsentModule());
        JavaType object = mapper.constructType(Object.class);

        assertNotNull(mapper.getSerializationConfig().getDefaultTyper(object));
        assertNotNull(mapper.getDeserializationConfig().getDefaultTyper(object));
    }

    @Test
    void shouldNeverEnableDefaultTypingItself() throws Exception {
        for (ObjectMapper mapper : List.of(new ObjectMapper().registerModule(new ConsentModule()),
                new ObjectMapper().registerModule(new ConsentModule(ReadOptions.defaults())),
                new ObjectMapper().findAndRegisterModules())) {
            for (Class<?> type : List.of(Object.class, TrainingPolicy.class, Member.class, List.class)) {
                JavaType javaType = mapper.constructType(type);

                assertNull(mapper.getSerializationConfig().getDefaultTyper(javaType), type::toString);
                assertNull(mapper.getDeserializationConfig().getDefaultTyper(javaType), type::toString);
            }
            String policies = mapper.writeValueAsString(List.of(POLICY));
            assertFalse(policies.contains("dev.consentkit"), policies);
            assertFalse(mapper.writeValueAsString(MEMBER).contains("dev.consentkit"));
        }
    }
}
