package dev.consentkit;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Where a member is, or where a policy rule applies: an ISO 3166-1 alpha-2 country ({@code DE},
 * {@code GB}, {@code US}), an ISO 3166-2 subdivision ({@code US-CA}), or one of the named groups
 * {@link #EU} (the European Union) and {@link #EEA} (the European Economic Area: the EU plus
 * Iceland, Liechtenstein and Norway).
 *
 * <p>A group contains its member states, the territories that belong to it under a code of their
 * own, and the subdivisions of both. The EU contains the outermost regions Guadeloupe ({@code GP}),
 * Martinique ({@code MQ}), French Guiana ({@code GF}), Réunion ({@code RE}), Mayotte ({@code YT})
 * and Saint-Martin ({@code MF}), and Åland ({@code AX}), so that a member in {@code GP} is treated as
 * one in {@code FR-971}. Overseas countries and territories such as Saint-Barthélemy ({@code BL}),
 * Saint-Pierre-et-Miquelon ({@code PM}), New Caledonia ({@code NC}), French Polynesia ({@code PF}),
 * Wallis and Futuna ({@code WF}), the French Southern Territories ({@code TF}) and Greenland
 * ({@code GL}) are in neither group, under their own code or as a subdivision ({@code FR-PF}); nor is
 * Svalbard and Jan Mayen ({@code SJ}, and Svalbard as {@code NO-21}), which the EEA Agreement does not
 * cover. The Azores, Madeira and the Canary Islands have no country code of their own and follow
 * Portugal and Spain. The table, its sources and the date it was checked are in one place in this
 * package.
 *
 * <p>Country codes are checked against the ISO 3166-1 list the JDK ships
 * ({@link Locale#getISOCountries()}). Subdivision codes are checked for form only: a known country,
 * a hyphen, and one to three letters or digits. Codes are case-insensitive and normalised to upper
 * case.
 *
 * <p>Compare jurisdictions with {@link #equals}, not {@code ==}. The groups, the countries and the
 * subdivisions that a policy names have one shared instance each, which {@code of} returns; any other
 * subdivision, such as one read from a member's record, is checked and returned as a new instance
 * that nothing keeps, since the form check admits millions of codes and input must not fill the
 * memory.
 */
public final class Jurisdiction {

    /** What a jurisdiction code denotes. */
    public enum Kind {
        /** A named group of countries, such as {@code EU}. */
        GROUP,
        /** An ISO 3166-1 alpha-2 country, such as {@code DE}. */
        COUNTRY,
        /** An ISO 3166-2 subdivision of a country, such as {@code US-CA}. */
        SUBDIVISION
    }

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    // The groups, every country used so far (at most the ~250 of ISO 3166-1) and the subdivisions
    // that policies name.
    private static final ConcurrentMap<String, Jurisdiction> INTERNED = new ConcurrentHashMap<>();

    /**
     * The European Union: its 27 member states, the territories with codes of their own that belong
     * to it ({@code GP}, {@code MQ}, {@code GF}, {@code RE}, {@code YT}, {@code MF}, {@code AX}), and
     * their subdivisions.
     */
    public static final Jurisdiction EU = new Jurisdiction("EU", Kind.GROUP, null, false, false).intern();
    /**
     * The European Economic Area: the {@link #EU} and Iceland ({@code IS}), Liechtenstein
     * ({@code LI}) and Norway ({@code NO}) without Svalbard, and their subdivisions.
     */
    public static final Jurisdiction EEA = new Jurisdiction("EEA", Kind.GROUP, null, false, false).intern();

    private final String code;
    private final int hash;
    private final Kind kind;
    private final @Nullable Jurisdiction country;
    private final boolean inEu;
    private final boolean inEea;

    private Jurisdiction(String code, Kind kind, @Nullable Jurisdiction country, boolean inEu, boolean inEea) {
        this.code = code;
        this.hash = code.hashCode();
        this.kind = kind;
        this.country = country;
        this.inEu = inEu;
        this.inEea = inEea;
    }

    /**
     * Returns the jurisdiction with this code: the shared instance for a group, a country or a
     * subdivision a policy names, otherwise a new instance that nothing keeps.
     *
     * @param code an ISO 3166-1 alpha-2 code ({@code DE}), an ISO 3166-2 subdivision ({@code US-CA}),
     *     or {@code EU} or {@code EEA}; any case
     * @return the jurisdiction with this code
     * @throws NullPointerException if {@code code} is null
     * @throws IllegalArgumentException if the code is not one of those; the message shows it
     */
    public static Jurisdiction of(String code) {
        Objects.requireNonNull(code, "code");
        Jurisdiction known = INTERNED.get(code);
        if (known != null) {
            return known;
        }
        String normalised = code.toUpperCase(Locale.ROOT);
        known = INTERNED.get(normalised);
        if (known != null) {
            return known;
        }
        int hyphen = normalised.indexOf('-');
        if (hyphen < 0) {
            return country(code, normalised).intern();
        }
        Jurisdiction country = countryOf(code, normalised.substring(0, hyphen));
        String subdivision = normalised.substring(hyphen + 1);
        if (subdivision.isEmpty() || subdivision.length() > 3 || !isAlphanumeric(subdivision)) {
            throw new IllegalArgumentException("unknown jurisdiction code '" + code
                    + "': a subdivision code is a country, a hyphen and one to three letters or digits, such as 'US-CA'");
        }
        return new Jurisdiction(normalised, Kind.SUBDIVISION, country, EuropeanUnionMembership.isInEu(normalised),
                EuropeanUnionMembership.isInEea(normalised));
    }

    private static Jurisdiction countryOf(String code, String countryCode) {
        Jurisdiction known = INTERNED.get(countryCode);
        if (known != null && !known.isGroup()) {
            return known;
        }
        if (known != null) {
            throw new IllegalArgumentException("unknown jurisdiction code '" + code
                    + "': a group has no subdivisions; use a country subdivision such as 'FR-75'");
        }
        return country(code, countryCode).intern();
    }

    private static Jurisdiction country(String code, String normalised) {
        if (normalised.equals("UK")) {
            throw new IllegalArgumentException(
                    "unknown jurisdiction code '" + code + "': ISO 3166-1 codes the United Kingdom as 'GB'");
        }
        if (normalised.length() != 2 || !ISO_COUNTRIES.contains(normalised)) {
            throw new IllegalArgumentException("unknown jurisdiction code '" + code
                    + "': expected an ISO 3166-1 alpha-2 country such as 'DE', a subdivision such as 'US-CA', or 'EU' or 'EEA'");
        }
        return new Jurisdiction(normalised, Kind.COUNTRY, null, EuropeanUnionMembership.isInEu(normalised),
                EuropeanUnionMembership.isInEea(normalised));
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shared instance for this jurisdiction, made this one if there is none yet. A policy calls it
     * for the jurisdictions its rules name, so that members' places read later resolve to the rules'
     * own instances. Only groups, countries and the subdivisions of policies are interned; the
     * country of a subdivision is always a shared instance already.
     */
    Jurisdiction intern() {
        Jurisdiction known = INTERNED.putIfAbsent(code, this);
        return known == null ? this : known;
    }

    /**
     * Whether the normalised {@code code} has a shared instance: a group, a country used so far, or a
     * subdivision a policy names.
     */
    static boolean isInterned(String code) {
        return INTERNED.containsKey(code);
    }

    /** Whether two jurisdictions have the same code; a reference comparison for shared instances. */
    @SuppressWarnings("ReferenceEquality") // identity first: shared instances are the common case
    static boolean sameCode(Jurisdiction a, Jurisdiction b) {
        return a == b || (a.hash == b.hash && a.code.equals(b.code));
    }

    /** {@return the normalised code, such as {@code DE}, {@code US-CA} or {@code EU}} */
    public String code() {
        return code;
    }

    /** {@return the kind of jurisdiction this is: a group, a country or a subdivision} */
    public Kind kind() {
        return kind;
    }

    /** {@return whether this is a named group ({@link #EU}, {@link #EEA}) rather than a place a member can be} */
    public boolean isGroup() {
        return kind == Kind.GROUP;
    }

    /**
     * {@return the country this jurisdiction lies in: itself for a country, {@code US} for {@code US-CA}; empty
     * for a group}
     */
    public Optional<Jurisdiction> country() {
        return Optional.ofNullable(kind == Kind.COUNTRY ? this : country);
    }

    /**
     * Whether a rule for this jurisdiction applies to a member in {@code place}: a jurisdiction
     * contains itself, a country contains its subdivisions, and a group contains its member states,
     * the territories with codes of their own that belong to it, and their subdivisions ({@code EU}
     * contains {@code GP} and {@code FR-75}, but not {@code PF} or {@code FR-PF}), and {@code EEA}
     * contains {@code EU}.
     *
     * @param place where a member is, such as a member's jurisdiction at the instant of use
     * @return {@code true} when a rule for this jurisdiction applies to a member in {@code place}
     */
    public boolean contains(Jurisdiction place) {
        Objects.requireNonNull(place, "place");
        if (sameCode(this, place)) {
            return true;
        }
        switch (kind) {
            case COUNTRY: {
                Jurisdiction placeCountry = place.country;
                return placeCountry != null && sameCode(placeCountry, this);
            }
            case GROUP:
                return sameCode(this, EU) ? place.inEu : place.inEea || sameCode(place, EU);
            default:
                return false;
        }
    }

    /**
     * {@return the member states of a group, sorted by code: the 27 of the EU, or those and Iceland,
     * Liechtenstein and Norway for the EEA; for a country or subdivision, the empty set} Territories
     * with codes of their own, such as {@code GP} or {@code AX}, are not member states and are not
     * listed, though the group {@link #contains} them.
     */
    public Set<Jurisdiction> members() {
        if (!isGroup()) {
            return Set.of();
        }
        Set<String> codes = new TreeSet<>(EuropeanUnionMembership.EU_MEMBER_STATES);
        if (sameCode(this, EEA)) {
            codes.addAll(EuropeanUnionMembership.EEA_ONLY_MEMBER_STATES);
        }
        Set<Jurisdiction> members = new LinkedHashSet<>();
        for (String member : codes) {
            members.add(of(member));
        }
        return Collections.unmodifiableSet(members);
    }

    /** Equal when the normalised codes are equal, whether or not either instance is shared. */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Jurisdiction other && sameCode(this, other);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The code, such as {@code US-CA}. */
    @Override
    public String toString() {
        return code;
    }
}
