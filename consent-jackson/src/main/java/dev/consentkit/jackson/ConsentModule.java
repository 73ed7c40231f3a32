package dev.consentkit.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.consentkit.ConsentChannel;
import dev.consentkit.ConsentChoice;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.LegalBasis;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reason;
import dev.consentkit.Reservation;
import dev.consentkit.ReservationSource;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.UnknownAge;
import java.time.Duration;
import java.util.Objects;

/**
 * Teaches a Jackson {@link com.fasterxml.jackson.databind.ObjectMapper} to read and write every
 * ConsentKit type in the JSON forms of {@link ConsentDocuments}, as strictly:
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().registerModule(new ConsentModule());
 * TrainingPolicy policy = mapper.readValue(file, TrainingPolicy.class);
 * }</pre>
 *
 * <p>{@link TrainingPolicy}, {@link Member}, {@link ContentItem} and {@link Decision} are documents:
 * they are written with their {@code format} field and read only with it, also when nested in a
 * value of your own. Their parts ({@link PolicyVersion}, {@link JurisdictionRule}, {@link Residence},
 * {@link JurisdictionTimeline}, {@link ConsentEvent}, {@link ConsentHistory}, {@link Reservation},
 * {@link Evidence}) are read and written in the same form without one; {@link DataCategory},
 * {@link Purpose} and {@link Jurisdiction} as their keys and codes, also as map keys; the core's enums
 * by their names. A document that cannot be read fails with {@link ConsentDocumentException}.
 *
 * <p>The module changes nothing else in the mapper, and so it cannot set the mapper's stream read
 * limits: give a mapper that reads untrusted input {@link ConsentDocuments#streamReadConstraints()}
 * through its {@code JsonFactory}, or read through {@link ConsentDocuments}, which does. The module
 * never enables default typing or any polymorphic type handling.
 *
 * <p>The module is also registered as a {@link java.util.ServiceLoader} provider of
 * {@code com.fasterxml.jackson.databind.Module}, so {@code ObjectMapper.findAndRegisterModules()}
 * finds it; registering it explicitly keeps what a mapper does visible in code.
 */
public final class ConsentModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** The name Jackson knows this module by, which is also its id for duplicate registrations. */
    static final String NAME = "consentkit";

    /**
     * A module with serializers and deserializers for every ConsentKit type, reading with the
     * {@linkplain ReadOptions#defaults() default options}: a consent event recorded up to five seconds
     * before it takes effect counts from when it was recorded. This is the module
     * {@code findAndRegisterModules()} registers.
     */
    public ConsentModule() {
        this(ReadOptions.defaults());
    }

    /**
     * A module that reads members, consent histories and consent events with the given options, such
     * as a clock-skew tolerance of your own. A mapper registers one module of this name only: register
     * this one instead of, not after, the default one.
     *
     * @param options how to read consent events, such as the clock-skew tolerance
     */
    public ConsentModule(ReadOptions options) {
        super(NAME, PackageVersion.VERSION);
        Objects.requireNonNull(options, "options");
        Duration tolerance = options.clockSkewTolerance();
        both(TrainingPolicy.class, PolicyJson::readDocument, PolicyJson::writeDocument);
        both(PolicyVersion.class, PolicyJson::readVersion, PolicyJson::writeVersion);
        both(JurisdictionRule.class, PolicyJson::readRule, PolicyJson::writeRule);
        both(Member.class, node -> MemberJson.readDocument(node, options), MemberJson::writeDocument);
        both(JurisdictionTimeline.class, MemberJson::readTimeline, MemberJson::writeTimeline);
        both(Residence.class, MemberJson::readResidence, MemberJson::writeResidence);
        both(ConsentHistory.class, node -> MemberJson.readHistory(node, options), MemberJson::writeHistory);
        both(ConsentEvent.class, node -> MemberJson.readEvent(node, tolerance), MemberJson::writeEvent);
        both(ContentItem.class, ItemJson::readDocument, ItemJson::writeDocument);
        both(Reservation.class, ItemJson::readReservation, ItemJson::writeReservation);
        both(Decision.class, DecisionJson::readDocument, DecisionJson::writeDocument);
        both(Evidence.class, DecisionJson::readEvidence, DecisionJson::writeEvidence);

        key(DataCategory.class, Scalars::category, (category, json) -> json.writeString(category.key()),
                (category, json) -> json.writeFieldName(category.key()));
        key(Purpose.class, Scalars::purpose, (purpose, json) -> json.writeString(purpose.key()),
                (purpose, json) -> json.writeFieldName(purpose.key()));
        key(Jurisdiction.class, Scalars::jurisdiction, (place, json) -> json.writeString(place.code()),
                (place, json) -> json.writeFieldName(place.code()));

        enumeration(LegalBasis.class, "legal basis");
        enumeration(UnknownAge.class, "unknown-age handling");
        enumeration(ConsentChoice.class, "consent choice");
        enumeration(ConsentChannel.class, "consent channel");
        enumeration(ReservationSource.class, "reservation source");
        enumeration(Reason.class, "reason");
        enumeration(Evidence.Kind.class, "evidence kind");
    }

    private <T> void both(Class<T> type, NodeReader<T> reader, ValueWriter<T> writer) {
        addDeserializer(type, new NodeDeserializer<>(type, reader));
        addSerializer(type, new ValueSerializer<>(type, writer));
    }

    private <T> void key(Class<T> type, NodeReader<T> reader, ValueWriter<T> writer, ValueWriter<T> keyWriter) {
        both(type, reader, writer);
        addKeyDeserializer(type, new KeyDeserializerOf<>(reader));
        addKeySerializer(type, new ValueSerializer<>(type, keyWriter));
    }

    private <E extends Enum<E>> void enumeration(Class<E> type, String what) {
        both(type, node -> node.enumValue(type, what), (value, json) -> json.writeString(value.name()));
    }

    /** {@value #NAME}: stable across releases, and the id Jackson uses to skip a second registration. */
    @Override
    public String getModuleName() {
        return NAME;
    }

    /** The version of this module, {@code consent-jackson}, as built. */
    @Override
    public Version version() {
        return PackageVersion.VERSION;
    }
}
