package dev.consentkit.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.consentkit.AccountClosure;
import dev.consentkit.ConsentEvent;
import dev.consentkit.ConsentHistory;
import dev.consentkit.ContentItem;
import dev.consentkit.DataCategory;
import dev.consentkit.Decision;
import dev.consentkit.Evidence;
import dev.consentkit.Jurisdiction;
import dev.consentkit.JurisdictionRule;
import dev.consentkit.JurisdictionTimeline;
import dev.consentkit.Member;
import dev.consentkit.PolicyVersion;
import dev.consentkit.Purpose;
import dev.consentkit.Reservation;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
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
 * {@link JurisdictionTimeline}, {@link AccountClosure}, {@link ConsentEvent}, {@link ConsentHistory}, {@link Reservation},
 * {@link Evidence}) are read and written in the same form without one; {@link DataCategory},
 * {@link Purpose} and {@link Jurisdiction} as their keys and codes, also as map keys; the core's enums
 * by their names. Jackson binds every document to the module's own records of its shape, which call
 * the core's factories. A document that cannot be read fails with {@link ConsentDocumentException}.
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
        document(TrainingPolicy.class, PolicyJson.PolicyForm.class, DocumentFormat.POLICY, options,
                PolicyJson::writeDocument);
        part(PolicyVersion.class, PolicyJson.VersionForm.class, options, PolicyJson::writeVersion);
        part(JurisdictionRule.class, PolicyJson.RuleForm.class, options, PolicyJson::writeRule);
        document(Member.class, MemberJson.MemberForm.class, DocumentFormat.MEMBER, options, MemberJson::writeDocument);
        array(JurisdictionTimeline.class, MemberJson.ResidenceForm.class, MemberJson.TimelineForm::new, options,
                MemberJson::writeTimeline);
        part(Residence.class, MemberJson.ResidenceForm.class, options, MemberJson::writeResidence);
        part(AccountClosure.class, MemberJson.ClosureForm.class, options, MemberJson::writeClosure);
        array(ConsentHistory.class, MemberJson.EventForm.class, MemberJson.HistoryForm::new, options,
                MemberJson::writeHistory);
        part(ConsentEvent.class, MemberJson.EventForm.class, options, MemberJson::writeEvent);
        document(ContentItem.class, ItemJson.ItemForm.class, DocumentFormat.ITEM, options, ItemJson::writeDocument);
        part(Reservation.class, ItemJson.ReservationForm.class, options, ItemJson::writeReservation);
        document(Decision.class, DecisionJson.DecisionForm.class, DocumentFormat.DECISION, options,
                DecisionJson::writeDocument);
        part(Evidence.class, DecisionJson.EvidenceForm.class, options, DecisionJson::writeEvidence);

        key(DataCategory.class, Scalars.Key.category(), (category, json) -> json.writeString(category.key()),
                (category, json) -> json.writeFieldName(category.key()));
        key(Purpose.class, Scalars.Key.purpose(), (purpose, json) -> json.writeString(purpose.key()),
                (purpose, json) -> json.writeFieldName(purpose.key()));
        key(Jurisdiction.class, Scalars.Key.jurisdiction(), (place, json) -> json.writeString(place.code()),
                (place, json) -> json.writeFieldName(place.code()));
    }

    private <T> void document(Class<T> type, Class<? extends Form<T>> form, DocumentFormat kind, ReadOptions options,
            ValueWriter<T> writer) {
        addDeserializer(type, FormDeserializer.of(type, form, kind, options));
        addSerializer(type, new ValueSerializer<>(type, writer));
    }

    private <T> void part(Class<T> type, Class<? extends Form<T>> form, ReadOptions options, ValueWriter<T> writer) {
        addDeserializer(type, FormDeserializer.of(type, form, null, options));
        addSerializer(type, new ValueSerializer<>(type, writer));
    }

    private <T, E> void array(Class<T> type, Class<E> element, FormDeserializer.ArrayForm<T, E> form,
            ReadOptions options, ValueWriter<T> writer) {
        addDeserializer(type, FormDeserializer.ofArray(type, element, form, options));
        addSerializer(type, new ValueSerializer<>(type, writer));
    }

    private <T> void key(Class<T> type, Scalars.Key<T> reader, ValueWriter<T> writer, ValueWriter<T> keyWriter) {
        addDeserializer(type, reader);
        addSerializer(type, new ValueSerializer<>(type, writer));
        addKeyDeserializer(type, reader.asMapKey());
        addKeySerializer(type, new ValueSerializer<>(type, keyWriter));
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
