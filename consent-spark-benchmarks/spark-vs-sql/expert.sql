-- The LinkedIn example policy (examples/linkedin/policy.json) in Spark SQL, as a Spark expert writes it:
-- each member's verdict in one pass over the nested histories with higher-order array functions, the
-- verdicts broadcast to the items, then the item checks as plain predicates that Spark compiles. One row
-- per item:
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
WITH verdicts AS (
    SELECT
        id AS member_id,
        -- Closed at as_of: a closing instant at or before it, or a closure not reopened by then.
        coalesce(closedAt <= :as_of, false)
            OR exists(closures, c -> c.closedAt <= :as_of AND (c.reopenedAt IS NULL OR c.reopenedAt > :as_of))
            AS closed,
        -- Where the member is at as_of: the latest residence that started at or before it; one without
        -- "from" has been so as far back as is known. NULL: unknown.
        array_max(transform(
            filter(jurisdictions, r -> r.`from` IS NULL OR r.`from` <= :as_of),
            r -> named_struct('from', coalesce(r.`from`, TIMESTAMP '0001-01-01 00:00:00Z'),
                              'place', upper(r.jurisdiction)))).place AS place,
        birthDate IS NULL AS age_unknown,
        -- The first instant of the UTC day of the 18th birthday. Born on 29 February: 28 days after
        -- 1 February, which is 1 March in a common year.
        timestamp_seconds(86400L * unix_date(CASE
            WHEN month(birthDate) = 2 AND day(birthDate) = 29 THEN date_add(make_date(year(birthDate) + 18, 2, 1), 28)
            ELSE make_date(year(birthDate) + 18, month(birthDate), day(birthDate))
        END)) AS adult_from,
        -- The choice in effect at as_of: the latest event for the purpose or a broader one, by the instant it
        -- counts from (when recorded, if recorded before it takes effect), an opt-out last at equal instants
        -- so that it wins.
        array_max(transform(
            filter(consent, e -> e.purpose IN ('ai-training.generative', 'ai-training')
                                 AND least(e.effectiveAt, e.recordedAt) <= :as_of),
            e -> named_struct('at', least(e.effectiveAt, e.recordedAt),
                              'optOut', e.choice = 'OPT_OUT',
                              'choice', e.choice))).choice AS choice
    FROM members
),
decided AS (
    SELECT /*+ BROADCAST(v) */
        i.id, i.authorId, i.category, i.createdAt, i.deletedAt,
        CASE
            WHEN v.member_id IS NULL THEN NULL
            WHEN :as_of < TIMESTAMP '2025-11-03 00:00:00Z'
                THEN raise_error('this SQL has the rules of version 2025-11-03 only, in force from 2025-11-03T00:00:00Z')
            WHEN i.createdAt > :as_of THEN 'ITEM_NOT_YET_CREATED'
            WHEN i.deletedAt <= :as_of THEN 'ITEM_DELETED'
            WHEN v.closed THEN 'ACCOUNT_CLOSED'
            -- A rule on a category covers the category and every category under it. Spelled out, not as
            -- exists(array(...), rule -> ...): a lambda is interpreted row by row, plain predicates are compiled.
            WHEN i.category IN ('messages.private', 'account.credentials', 'account.payment', 'account.salary',
                                'jobs.application')
                 OR startswith(i.category, 'messages.private.') OR startswith(i.category, 'account.credentials.')
                 OR startswith(i.category, 'account.payment.') OR startswith(i.category, 'account.salary.')
                 OR startswith(i.category, 'jobs.application.') THEN 'CATEGORY_EXCLUDED'
            WHEN NOT (i.category IN ('profile', 'content.public', 'content.group', 'ai.interactions', 'jobs.saved')
                      OR startswith(i.category, 'profile.') OR startswith(i.category, 'content.public.')
                      OR startswith(i.category, 'content.group.') OR startswith(i.category, 'ai.interactions.')
                      OR startswith(i.category, 'jobs.saved.')) THEN 'CATEGORY_NOT_COVERED'
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
