-- The LinkedIn example policy (examples/linkedin/policy.json) in Spark SQL, in the form most users write
-- first: explode each nested history into rows, GROUP BY member (or rank with a window) for what is in
-- effect at as_of, join those back to the members and the members to the items. One row per item:
--
--   id, authorId, category, createdAt, deletedAt, trainable, reason
--
-- The inputs are two views and one parameter:
--
--   members  one row per member in the shape of member documents: id, birthDate DATE, closedAt TIMESTAMP,
--            jurisdictions array<struct<jurisdiction, from TIMESTAMP>>,
--            closures array<struct<closedAt TIMESTAMP, reopenedAt TIMESTAMP>>,
--            consent array<struct<id, purpose, choice, effectiveAt TIMESTAMP, recordedAt TIMESTAMP, channel>>
--   items    one row per item: id, authorId, category, createdAt TIMESTAMP, deletedAt TIMESTAMP
--   :as_of   the instant of use, a TIMESTAMP (spark.sql(text, Map.of("as_of", instant)))
--
-- The checks run in the rule kernel's evaluation order and the first that fails is the reason, as in
-- ConsentFilter.decide. The rules are those of the policy's version 2025-11-03, written in as literals:
-- an opt-out regime (legitimate interests) everywhere, no jurisdiction rules, no item scope, the allowed and
-- never-allowed categories, minimum age 18 with unknown ages denied and 29 February birthdays of age on
-- 1 March, the purpose ai-training.generative (events for it or for the broader ai-training count), no
-- Global Privacy Control objections. An instant of use before that version took effect stops the query.
--
-- What the SQL does not do: read the policy document (a new version means editing this file), replay "as
-- known at" (ConsentFilter.asKnownAt), reject a consent event recorded more than the clock-skew tolerance
-- before it takes effect (the module refuses its member; here it counts from when it was recorded, as one
-- within the tolerance does), refuse malformed rows (two rows for one member, an unknown choice, a
-- closing instant beside a closure history), or check item reservations (these items carry none). An item
-- whose author has no member row is not trainable and has no reason, as in ConsentFilter.decide.
WITH
-- The choice in effect at as_of: the latest event for the purpose or a broader one, by the instant it counts
-- from (when recorded, if recorded before it takes effect); at equal instants the opt-out wins.
choices AS (
    SELECT id AS member_id,
           max_by(e.choice, struct(least(e.effectiveAt, e.recordedAt), e.choice = 'OPT_OUT')) AS choice
    FROM members
    LATERAL VIEW explode(consent) events AS e
    WHERE e.purpose IN ('ai-training.generative', 'ai-training')
      AND least(e.effectiveAt, e.recordedAt) <= :as_of
    GROUP BY id
),
-- Where each member is at as_of: the latest residence that started at or before it; one without "from" has
-- been so as far back as is known. No row: unknown.
residences AS (
    SELECT member_id, place
    FROM (
        SELECT id AS member_id,
               upper(r.jurisdiction) AS place,
               row_number() OVER (PARTITION BY id ORDER BY r.`from` DESC NULLS LAST) AS latest
        FROM members
        LATERAL VIEW explode(jurisdictions) moves AS r
        WHERE r.`from` IS NULL OR r.`from` <= :as_of
    )
    WHERE latest = 1
),
-- Members with a closure in effect at as_of: closed at or before it and not reopened by then.
closed_by_closure AS (
    SELECT DISTINCT id AS member_id
    FROM members
    LATERAL VIEW explode(closures) history AS c
    WHERE c.closedAt <= :as_of AND (c.reopenedAt IS NULL OR c.reopenedAt > :as_of)
),
verdicts AS (
    SELECT m.id AS member_id,
           coalesce(m.closedAt <= :as_of, false) OR cc.member_id IS NOT NULL AS closed,
           r.place,
           m.birthDate IS NULL AS age_unknown,
           -- The first instant of the UTC day of the 18th birthday. Born on 29 February: 28 days after
           -- 1 February, which is 1 March in a common year.
           timestamp_seconds(86400L * unix_date(CASE
               WHEN month(m.birthDate) = 2 AND day(m.birthDate) = 29
                   THEN date_add(make_date(year(m.birthDate) + 18, 2, 1), 28)
               ELSE make_date(year(m.birthDate) + 18, month(m.birthDate), day(m.birthDate))
           END)) AS adult_from,
           ch.choice
    FROM members m
    LEFT JOIN residences r ON r.member_id = m.id
    LEFT JOIN closed_by_closure cc ON cc.member_id = m.id
    LEFT JOIN choices ch ON ch.member_id = m.id
),
decided AS (
    SELECT i.id, i.authorId, i.category, i.createdAt, i.deletedAt,
           CASE
               WHEN v.member_id IS NULL THEN NULL
               WHEN :as_of < TIMESTAMP '2025-11-03 00:00:00Z'
                   THEN raise_error('this SQL has the rules of version 2025-11-03 only, in force from 2025-11-03T00:00:00Z')
               WHEN i.createdAt > :as_of THEN 'ITEM_NOT_YET_CREATED'
               WHEN i.deletedAt <= :as_of THEN 'ITEM_DELETED'
               WHEN v.closed THEN 'ACCOUNT_CLOSED'
               WHEN i.category IN ('messages.private', 'account.credentials', 'account.payment', 'account.salary',
                                   'jobs.application')
                    OR i.category LIKE 'messages.private.%' OR i.category LIKE 'account.credentials.%'
                    OR i.category LIKE 'account.payment.%' OR i.category LIKE 'account.salary.%'
                    OR i.category LIKE 'jobs.application.%' THEN 'CATEGORY_EXCLUDED'
               WHEN NOT (i.category IN ('profile', 'content.public', 'content.group', 'ai.interactions', 'jobs.saved')
                    OR i.category LIKE 'profile.%' OR i.category LIKE 'content.public.%'
                    OR i.category LIKE 'content.group.%' OR i.category LIKE 'ai.interactions.%'
                    OR i.category LIKE 'jobs.saved.%') THEN 'CATEGORY_NOT_COVERED'
               WHEN v.place IS NULL THEN 'JURISDICTION_UNKNOWN'
               WHEN v.age_unknown THEN 'AGE_UNKNOWN'
               WHEN v.adult_from > :as_of THEN 'MINOR'
               WHEN i.createdAt < v.adult_from THEN 'CREATED_WHILE_MINOR'
               WHEN v.choice = 'OPT_OUT' THEN 'OPTED_OUT'
               WHEN v.choice = 'OPT_IN' THEN 'ALLOWED_OPTED_IN'
               ELSE 'ALLOWED_BY_DEFAULT'
           END AS reason
    FROM items i
    LEFT JOIN verdicts v ON v.member_id = i.authorId
)
SELECT id, authorId, category, createdAt, deletedAt,
       coalesce(reason IN ('ALLOWED_BY_DEFAULT', 'ALLOWED_OPTED_IN'), false) AS trainable,
       reason
FROM decided
