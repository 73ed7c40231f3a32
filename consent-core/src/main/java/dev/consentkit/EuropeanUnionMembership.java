package dev.consentkit;

import java.util.Map;
import java.util.Set;

/**
 * The one table of which places lie in the European Union and the European Economic Area, for the
 * groups {@link Jurisdiction#EU} and {@link Jurisdiction#EEA}. Checked on 2026-11-30 against:
 *
 * <ul>
 *   <li>Art. 52 TEU for the 27 member states;
 *   <li>Art. 349 and 355(1) TFEU: the outermost regions are part of the Union. Guadeloupe
 *       ({@code GP}), Martinique ({@code MQ}), French Guiana ({@code GF}), Réunion ({@code RE}),
 *       Mayotte ({@code YT}) and Saint-Martin ({@code MF}) have ISO 3166-1 codes of their own; the
 *       Azores, Madeira and the Canary Islands have none (they are the subdivisions {@code PT-20},
 *       {@code PT-30} and {@code ES-CN}) and so follow Portugal and Spain;
 *   <li>Art. 355(4) TFEU and Protocol No 2 on the Åland Islands to the Act of Accession of 1994: the
 *       Treaties apply to Åland ({@code AX}), with derogations on property, establishment and
 *       indirect taxes;
 *   <li>Art. 355(2) TFEU and its Annex II: the overseas countries and territories are not part of the
 *       Union, among them Saint-Barthélemy ({@code BL}), Saint-Pierre-et-Miquelon ({@code PM}), New
 *       Caledonia ({@code NC}), French Polynesia ({@code PF}), Wallis and Futuna ({@code WF}), the
 *       French Southern and Antarctic Lands ({@code TF}), Greenland ({@code GL}), Aruba ({@code AW}),
 *       Curaçao ({@code CW}), Sint Maarten ({@code SX}) and Bonaire, Sint Eustatius and Saba
 *       ({@code BQ}); Art. 355(5)(a) TFEU keeps the Faroe Islands ({@code FO}) out;
 *   <li>Art. 126(1) of the EEA Agreement and its Protocol 40 on Svalbard: the Agreement applies to the
 *       EU and to Iceland ({@code IS}), Liechtenstein ({@code LI}) and Norway ({@code NO}), but not to
 *       Svalbard. Svalbard and Jan Mayen share the code {@code SJ}, which is therefore outside; Jan
 *       Mayen, part of Norway and without permanent inhabitants, is in the EEA as {@code NO-22}.
 * </ul>
 *
 * <p>A code not listed is outside both groups. A subdivision follows its country, except the ISO
 * 3166-2 codes that a member state gives to one of its territories outside the Union or the
 * Agreement ({@code FR-PF}, {@code NL-AW}, {@code NO-21}, ...), which count as that territory's own
 * code does, so that {@code FR-PF} and {@code PF} are outside alike, as {@code FR-971} and
 * {@code GP} are inside alike.
 */
final class EuropeanUnionMembership {

    /** The 27 member states of the European Union (Art. 52 TEU), as ISO 3166-1 codes. */
    static final Set<String> EU_MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI",
            "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES",
            "SE");

    /** The states in the EEA that are not in the EU (Art. 126(1) EEA Agreement). */
    static final Set<String> EEA_ONLY_MEMBER_STATES = Set.of("IS", "LI", "NO");

    /**
     * Territories of member states that are part of the Union and have an ISO 3166-1 code of their
     * own: the outermost regions {@code GP}, {@code MQ}, {@code GF}, {@code RE}, {@code YT} and
     * {@code MF}, and Åland ({@code AX}).
     */
    static final Set<String> EU_TERRITORIES = Set.of("GP", "MQ", "GF", "RE", "YT", "MF", "AX");

    /**
     * ISO 3166-2 codes by which a member state names one of its territories that is outside the
     * Union (or, for Svalbard, outside the Agreement), mapped to the territory's ISO 3166-1 code.
     */
    private static final Map<String, String> TERRITORIES_OUTSIDE_BY_SUBDIVISION = Map.ofEntries(
            Map.entry("FR-BL", "BL"),
            Map.entry("FR-NC", "NC"),
            Map.entry("FR-PF", "PF"),
            Map.entry("FR-PM", "PM"),
            Map.entry("FR-TF", "TF"),
            Map.entry("FR-WF", "WF"),
            Map.entry("NL-AW", "AW"),
            Map.entry("NL-CW", "CW"),
            Map.entry("NL-SX", "SX"),
            Map.entry("NL-BQ1", "BQ"),
            Map.entry("NL-BQ2", "BQ"),
            Map.entry("NL-BQ3", "BQ"),
            Map.entry("NO-21", "SJ"));

    private EuropeanUnionMembership() {}

    /**
     * Whether the place with this normalised code lies in the European Union.
     *
     * @param code an upper-case ISO 3166-1 country ({@code GP}) or ISO 3166-2 subdivision
     *     ({@code FR-971}) code
     */
    static boolean isInEu(String code) {
        String place = placeOf(code);
        return EU_MEMBER_STATES.contains(place) || EU_TERRITORIES.contains(place);
    }

    /**
     * Whether the place with this normalised code lies in the European Economic Area: the Union and
     * Iceland, Liechtenstein and Norway, without Svalbard.
     *
     * @param code an upper-case ISO 3166-1 country ({@code NO}) or ISO 3166-2 subdivision
     *     ({@code NO-03}) code
     */
    static boolean isInEea(String code) {
        return isInEu(code) || EEA_ONLY_MEMBER_STATES.contains(placeOf(code));
    }

    /** The country code whose membership the code has: its own, its territory's, or its country's. */
    private static String placeOf(String code) {
        int hyphen = code.indexOf('-');
        if (hyphen < 0) {
            return code;
        }
        String territory = TERRITORIES_OUTSIDE_BY_SUBDIVISION.get(code);
        return territory != null ? territory : code.substring(0, hyphen);
    }
}
