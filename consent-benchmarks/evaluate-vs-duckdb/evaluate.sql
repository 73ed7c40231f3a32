-- `consent evaluate` in SQL, for DuckDB 2.0: the rules of the policy document, applied to an export of
-- members and items, giving one record per item, in the items' order:
--
--   {"itemId":"i-0000001","memberId":"m-000042","trainable":true,"reason":"ALLOWED_BY_DEFAULT"}
--
-- The inputs are four variables, set before this script runs:
--
--   SET VARIABLE policy_file = 'policy.json';      -- a consentkit.policy/v1 or v1.1 document
--   SET VARIABLE members_file = 'members.ndjson';  -- one member per line, as `consent evaluate` reads them
--   SET VARIABLE items_file = 'items.ndjson';      -- one content item per line
--   SET VARIABLE as_of = TIMESTAMPTZ '2025-11-04 00:00:00+00';
--
-- and the script defines the view `decisions`, which one statement writes as NDJSON:
--
--   COPY decisions TO 'decisions.ndjson' (FORMAT json);
--
-- The checks run in the rule kernel's evaluation order, and the first that fails is the reason, as in
-- `consent evaluate` without --explain. What the SQL does not do: replay "as known at" (--known-at), count
-- items only from a member's own opt-in (a version with itemsFromMembersChoice stops the query with an
-- error), reject a consent event recorded more than the clock-skew tolerance before it takes effect
-- (the reader makes its member an error; here it counts from when it was recorded, as one within the
-- tolerance does), or reject malformed lines. An item whose author is not in the members file, for
-- which `consent evaluate` writes an error record, gets no reason here and is not trainable.

-- Ages are whole years on UTC calendar dates.
SET TimeZone = 'UTC';

-- A rule on a category covers the category and every category under it: `content` covers `content.public`.
CREATE OR REPLACE TEMP MACRO within_category(category, rule) AS
    category = rule OR starts_with(category, rule || '.');

-- The code whose EU and EEA membership a place has: a subdivision by which a member state names a
-- territory outside the Union (or, for Svalbard, outside the EEA) counts as that territory; any other
-- subdivision as its country.
CREATE OR REPLACE TEMP MACRO membership_code(place) AS
    CASE place
        WHEN 'FR-BL' THEN 'BL' WHEN 'FR-NC' THEN 'NC' WHEN 'FR-PF' THEN 'PF' WHEN 'FR-PM' THEN 'PM'
        WHEN 'FR-TF' THEN 'TF' WHEN 'FR-WF' THEN 'WF' WHEN 'NL-AW' THEN 'AW' WHEN 'NL-CW' THEN 'CW'
        WHEN 'NL-SX' THEN 'SX' WHEN 'NL-BQ1' THEN 'BQ' WHEN 'NL-BQ2' THEN 'BQ' WHEN 'NL-BQ3' THEN 'BQ'
        WHEN 'NO-21' THEN 'SJ'
        ELSE split_part(place, '-', 1)
    END;

-- The 27 member states, and the territories in the Union with ISO 3166-1 codes of their own (the
-- outermost regions and Aland).
CREATE OR REPLACE TEMP MACRO in_eu(place) AS
    membership_code(place) IN ('AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
        'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
        'GP', 'MQ', 'GF', 'RE', 'YT', 'MF', 'AX');

-- The Union and Iceland, Liechtenstein and Norway.
CREATE OR REPLACE TEMP MACRO in_eea(place) AS
    in_eu(place) OR membership_code(place) IN ('IS', 'LI', 'NO');

-- Whether a rule for `jurisdiction` applies to a member in `place`: the place itself, a country's
-- subdivisions, and the groups' members with their territories and subdivisions.
CREATE OR REPLACE TEMP MACRO jurisdiction_contains(jurisdiction, place) AS
    jurisdiction = place
    OR (jurisdiction = 'EU' AND in_eu(place))
    OR (jurisdiction = 'EEA' AND in_eea(place))
    OR (jurisdiction NOT IN ('EU', 'EEA') AND NOT contains(jurisdiction, '-') AND starts_with(place, jurisdiction || '-'));

-- The most specific matching rule wins: subdivision over country over EU over EEA.
CREATE OR REPLACE TEMP MACRO specificity(jurisdiction) AS
    CASE WHEN jurisdiction = 'EEA' THEN 0 WHEN jurisdiction = 'EU' THEN 1 WHEN contains(jurisdiction, '-') THEN 3 ELSE 2 END;

CREATE OR REPLACE TEMP VIEW decisions AS
WITH
policy AS (
    SELECT *
    FROM read_json(getvariable('policy_file'), format = 'auto', columns = {
        purpose: 'VARCHAR',
        versions: 'STRUCT(id VARCHAR, effectiveFrom TIMESTAMPTZ, defaultBasis VARCHAR, excludedByDefault BOOLEAN,
            jurisdictionRules STRUCT(jurisdiction VARCHAR, excluded BOOLEAN, basis VARCHAR)[],
            allowedCategories VARCHAR[], neverAllowedCategories VARCHAR[], minimumAge INTEGER, unknownAge VARCHAR,
            leapDayBirthday VARCHAR, gpcSignalsObject BOOLEAN, itemsCreatedFrom TIMESTAMPTZ,
            itemsFromMembersChoice BOOLEAN)[]'})
),

-- The latest version that took effect at or before as_of. None, and every item is POLICY_NOT_IN_FORCE.
latest_version AS (
    SELECT p.purpose, v.*
    FROM policy p, unnest(p.versions) AS t(v)
    WHERE v.effectiveFrom <= getvariable('as_of')
    ORDER BY v.effectiveFrom DESC
    LIMIT 1
),

-- The version in force, unless it has a rule this SQL does not do.
version_in_force AS (
    SELECT *
    FROM latest_version
    WHERE NOT coalesce(itemsFromMembersChoice, false)
       OR error('version ' || id || ' counts items only from the member''s own opt-in, which this SQL does not do')
),

version_rules AS (
    SELECT upper(r.jurisdiction) AS jurisdiction, r.excluded, r.basis
    FROM version_in_force v, unnest(v.jurisdictionRules) AS t(r)
),

-- Read once, for the three per-member passes below.
members AS MATERIALIZED (
    SELECT *
    FROM read_ndjson(getvariable('members_file'), columns = {
        id: 'VARCHAR',
        birthDate: 'DATE',
        jurisdictions: 'STRUCT(jurisdiction VARCHAR, "from" TIMESTAMPTZ)[]',
        closedAt: 'TIMESTAMPTZ',
        closures: 'STRUCT(closedAt TIMESTAMPTZ, reopenedAt TIMESTAMPTZ)[]',
        consent: 'STRUCT(id VARCHAR, purpose VARCHAR, choice VARCHAR, effectiveAt TIMESTAMPTZ,
            recordedAt TIMESTAMPTZ, channel VARCHAR)[]'})
),

-- Where each member is at as_of: the latest residence started at or before it. A residence without
-- "from" has been so as far back as we know. No row: the jurisdiction is unknown.
residence_at AS (
    SELECT m.id AS member_id,
           arg_max(upper(r.jurisdiction), coalesce(r."from", '-infinity'::TIMESTAMPTZ)) AS place
    FROM members m, unnest(m.jurisdictions) AS t(r)
    WHERE coalesce(r."from", '-infinity'::TIMESTAMPTZ) <= getvariable('as_of')
    GROUP BY m.id
),

-- The rule for each place members are in: the most specific rule whose jurisdiction contains it. No
-- row: the version's default applies.
place_rule AS (
    SELECT p.place, arg_max({excluded: r.excluded, basis: r.basis}, specificity(r.jurisdiction)) AS rule
    FROM (SELECT DISTINCT place FROM residence_at) p
    JOIN version_rules r ON jurisdiction_contains(r.jurisdiction, p.place)
    GROUP BY p.place
),

-- Each member's choice in effect at as_of: the last of their events for the policy's purpose or a
-- broader one (and, under a version that counts them, their Global Privacy Control opt-outs of any
-- purpose), in effect order: by the instant it counts from, and at the same instant the opt-out last,
-- so that it wins. An event recorded before it takes effect (within the clock-skew tolerance) counts
-- from when it was recorded. No row: no choice.
choice_at AS (
    SELECT m.id AS member_id,
           arg_max(e.choice, (least(e.effectiveAt, e.recordedAt), e.choice = 'OPT_OUT')) AS choice
    FROM members m, unnest(m.consent) AS t(e), version_in_force v
    WHERE least(e.effectiveAt, e.recordedAt) <= getvariable('as_of')
      AND (e.purpose = v.purpose
           OR starts_with(v.purpose, e.purpose || '.')
           OR (coalesce(v.gpcSignalsObject, false) AND e.channel = 'GPC_SIGNAL' AND e.choice = 'OPT_OUT'))
    GROUP BY m.id
),

-- The member half of every decision, once per member, with the version's rules beside it.
member_verdicts AS (
    SELECT m.id AS member_id,
           v.id AS version_id,
           coalesce(m.closedAt <= getvariable('as_of'), false)
               OR coalesce(list_bool_or(list_transform(m.closures, lambda c:
                      c.closedAt <= getvariable('as_of')
                      AND (c.reopenedAt IS NULL OR c.reopenedAt > getvariable('as_of')))), false) AS closed,
           r.place,
           CASE
               WHEN pr.rule IS NOT NULL THEN CASE WHEN pr.rule.excluded THEN NULL ELSE pr.rule.basis END
               WHEN coalesce(v.excludedByDefault, false) THEN NULL
               ELSE v.defaultBasis
           END AS basis,
           v.minimumAge > 0 AND m.birthDate IS NULL AND v.unknownAge = 'DENY' AS age_unknown,
           -- The first instant of the day the member reaches the minimum age. Born on 29 February,
           -- the member comes of age in a common year on 1 March or on 28 February, as the version says.
           CASE WHEN v.minimumAge > 0 AND m.birthDate IS NOT NULL THEN CAST(
               CASE
                   WHEN month(m.birthDate) = 2 AND day(m.birthDate) = 29
                        AND coalesce(v.leapDayBirthday, 'FEBRUARY_28') = 'MARCH_1'
                       -- 28 days after 1 February: 29 February in a leap year, 1 March in a common one.
                       THEN make_date(year(m.birthDate) + v.minimumAge, 2, 1) + 28
                   -- As LocalDate.plusYears: 29 February becomes 28 February in a common year.
                   ELSE CAST(m.birthDate + to_years(v.minimumAge) AS DATE)
               END AS TIMESTAMPTZ)
           END AS adult_from,
           c.choice,
           v.itemsCreatedFrom,
           v.allowedCategories,
           v.neverAllowedCategories
    FROM members m
    LEFT JOIN version_in_force v ON true
    LEFT JOIN residence_at r ON r.member_id = m.id
    LEFT JOIN place_rule pr ON pr.place = r.place
    LEFT JOIN choice_at c ON c.member_id = m.id
),

-- Numbered in the file's order, which a hash join does not keep: the output is put back in it.
items AS (
    SELECT *, row_number() OVER () AS line
    FROM read_ndjson(getvariable('items_file'), columns = {
        id: 'VARCHAR',
        authorId: 'VARCHAR',
        category: 'VARCHAR',
        createdAt: 'TIMESTAMPTZ',
        deletedAt: 'TIMESTAMPTZ',
        reservations: 'STRUCT(source VARCHAR, effectiveFrom TIMESTAMPTZ)[]'})
),

-- The item half, and the reason: the first failed check in evaluation order.
reasons AS (
    SELECT i.line,
           i.id AS itemId,
           i.authorId AS memberId,
           CASE
               WHEN m.member_id IS NULL THEN NULL
               WHEN m.version_id IS NULL THEN 'POLICY_NOT_IN_FORCE'
               WHEN i.createdAt > getvariable('as_of') THEN 'ITEM_NOT_YET_CREATED'
               WHEN i.deletedAt <= getvariable('as_of') THEN 'ITEM_DELETED'
               WHEN m.closed THEN 'ACCOUNT_CLOSED'
               WHEN i.createdAt < m.itemsCreatedFrom THEN 'ITEM_OUT_OF_SCOPE'
               WHEN coalesce(list_bool_or(list_transform(m.neverAllowedCategories,
                        lambda rule: within_category(i.category, rule))), false) THEN 'CATEGORY_EXCLUDED'
               WHEN NOT coalesce(list_bool_or(list_transform(m.allowedCategories,
                        lambda rule: within_category(i.category, rule))), false) THEN 'CATEGORY_NOT_COVERED'
               WHEN m.place IS NULL THEN 'JURISDICTION_UNKNOWN'
               WHEN m.basis IS NULL THEN 'JURISDICTION_EXCLUDED'
               WHEN m.age_unknown THEN 'AGE_UNKNOWN'
               WHEN m.adult_from > getvariable('as_of') THEN 'MINOR'
               WHEN i.createdAt < m.adult_from THEN 'CREATED_WHILE_MINOR'
               WHEN coalesce(list_bool_or(list_transform(i.reservations,
                        lambda r: r.effectiveFrom <= getvariable('as_of'))), false) THEN 'ITEM_RESERVED'
               WHEN m.choice = 'OPT_OUT' THEN 'OPTED_OUT'
               WHEN m.choice = 'OPT_IN' THEN 'ALLOWED_OPTED_IN'
               WHEN m.basis = 'CONSENT' THEN 'NO_CONSENT'
               ELSE 'ALLOWED_BY_DEFAULT'
           END AS reason
    FROM items i
    LEFT JOIN member_verdicts m ON m.member_id = i.authorId
)

SELECT itemId,
       memberId,
       coalesce(reason IN ('ALLOWED_BY_DEFAULT', 'ALLOWED_OPTED_IN'), false) AS trainable,
       reason
FROM reasons
ORDER BY line;
