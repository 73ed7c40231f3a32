package dev.consentkit.testkit.quicktheories;

import static dev.consentkit.testkit.quicktheories.ConsentGenerators.batches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.consentkit.ContentItem;
import dev.consentkit.Member;
import dev.consentkit.PropertyExamples;
import dev.consentkit.Reason;
import dev.consentkit.batch.BatchEvaluator;
import dev.consentkit.batch.ColumnsOfItems;
import dev.consentkit.batch.ItemColumns;
import dev.consentkit.batch.MemberStore;
import dev.consentkit.batch.MemberVerdict;
import dev.consentkit.suite.Scenario;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Property tests showing that the batch evaluator ({@link BatchEvaluator}, in consent-core), over item
 * objects, lists, streams and columns in any unit, on one thread or many, and with the member half
 * resolved apart ({@link MemberVerdict}), answers exactly as the policy
 * does for any generated batch ({@link ConsentGenerators#batches()}): policies that count items only
 * from the member's own choice and items with resumptions included.
 */
class BatchEvaluatorPropertiesTest {

    private static final int EXAMPLES = PropertyExamples.scaled(1000);
    // A disagreement may need a rare tie (asOf on a move, on a coming of age, on a unit boundary), so the
    // properties over every path look further.
    private static final int MANY_EXAMPLES = PropertyExamples.scaled(4000);
    private static final int PARALLEL_EXAMPLES = PropertyExamples.scaled(25);
    private static final int LARGE_STORE_EXAMPLES = PropertyExamples.scaled(5);
    // Each try of these builds hundreds of thousands of rows or members: keep shrinking short.
    private static final int FEW_SHRINK_CYCLES = 20;
    // Several 65,536-row chunks, the last one partial and not a whole number of 64-row words.
    private static final int MANY_ROWS = 300_007;
    // More members than the evaluator resolves on one thread.
    private static final int LARGE_STORE_MEMBERS = 70_000;
    // The checks that read the item and the policy, not the item's author.
    private static final Set<Reason> ITEM_ALONE = Set.of(Reason.POLICY_NOT_IN_FORCE, Reason.ITEM_NOT_YET_CREATED,
            Reason.ITEM_DELETED, Reason.ITEM_OUT_OF_SCOPE, Reason.CATEGORY_EXCLUDED, Reason.CATEGORY_NOT_COVERED,
            Reason.ITEM_RESERVED);
    private static final List<TimeUnit> COARSER_UNITS = List.of(TimeUnit.MICROSECONDS, TimeUnit.MILLISECONDS,
            TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS);

    @Test
    void shouldAnswerForEveryItemAsThePolicyDoes() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(batch.members()));
            for (ContentItem item : batch.items()) {
                assertEquals(isTrainable(batch.scenario(item)), evaluator.isTrainable(item), item::toString);
            }
        });
    }

    @Test
    void shouldGiveEveryItemAndRowTheReasonThePolicyGives() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            MemberStore store = MemberStore.of(batch.members());
            BatchEvaluator evaluator = batch.evaluator(store);
            List<Reason> expected = new ArrayList<>();
            for (ContentItem item : batch.items()) {
                expected.add(batch.scenario(item).replay().reason());
                assertEquals(expected.get(expected.size() - 1), evaluator.reason(item), item::toString);
            }

            assertEquals(expected, evaluator.reasons(batch.items()));
            assertEquals(expected, List.of(evaluator.reasons(ColumnsOfItems.of(store, batch.items(),
                    TimeUnit.NANOSECONDS))));
        });
    }

    @Test
    void shouldGiveEveryItemTheReasonThePolicyGivesFromItsAuthorsVerdictResolvedApart() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            // Members resolved by one evaluator, items decided by another that has no members at all, as
            // a distributed engine does it: the verdict travels as its two numbers.
            MemberStore store = MemberStore.of(batch.members());
            BatchEvaluator members = batch.evaluator(store);
            BatchEvaluator items = batch.evaluator(MemberStore.of(List.of()));
            for (ContentItem item : batch.items()) {
                MemberVerdict resolved = members.memberVerdict(store.indexOf(item.authorId()));
                MemberVerdict carried = MemberVerdict.of(resolved.verdict(), resolved.choiceScope());

                assertEquals(batch.scenario(item).replay().reason(), items.reason(item, carried), item::toString);
            }
        });
    }

    @Test
    void shouldPassTheItemChecksOfExactlyTheItemsThePolicyFailsNoCheckOfTheItemAloneFor() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            // Asked of an evaluator with no members: the checks of the item alone need no author.
            BatchEvaluator items = batch.evaluator(MemberStore.of(List.of()));
            for (ContentItem item : batch.items()) {
                List<Reason> failed = batch.scenario(item).replay().failedChecks();
                boolean itemAloneFails = failed.stream().anyMatch(ITEM_ALONE::contains);

                assertEquals(!itemAloneFails, items.itemChecksPass(item), () -> item + " failed " + failed);
            }
        });
    }

    @Test
    void shouldMarkExactlyTheItemsOfAListThatItemByItemFindsTrainable() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(batch.members()));
            BitSet expected = new BitSet();
            for (int i = 0; i < batch.items().size(); i++) {
                expected.set(i, evaluator.isTrainable(batch.items().get(i)));
            }

            BitSet rows = evaluator.trainable(batch.items());

            assertEquals(expected, rows);
            assertEquals(batch.trainableRows(), rows);
        });
    }

    @Test
    void shouldRejectAListWithTheMessageItemByItemGivesForItsFirstAuthorNotInTheStore() {
        qt().withExamples(EXAMPLES).forAll(batches(), integers().between(0, 100)).checkAssert((batch, seed) -> {
            // The store lacks some of the batch's authors; the items are repeated to span several groups.
            List<Member> kept = new ArrayList<>();
            for (int m = 0; m < batch.members().size(); m++) {
                if (((seed >> (m % 7)) & 1) == 0) {
                    kept.add(batch.members().get(m));
                }
            }
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(kept));
            List<ContentItem> items = new ArrayList<>();
            Collections.nCopies(1 + seed % 3, batch.items()).forEach(items::addAll);
            String expected = null;
            BitSet expectedRows = new BitSet();
            for (int i = 0; i < items.size() && expected == null; i++) {
                try {
                    expectedRows.set(i, evaluator.isTrainable(items.get(i)));
                } catch (IllegalArgumentException e) {
                    expected = e.getMessage();
                }
            }

            if (expected == null) {
                assertEquals(expectedRows, evaluator.trainable(items));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> evaluator.trainable(items));
                assertEquals(expected, e.getMessage());
            }
        });
    }

    @Test
    void shouldMarkExactlyTheTrainableRowsOfNanosecondColumns() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches()).checkAssert(batch -> {
            MemberStore store = MemberStore.of(batch.members());
            ItemColumns columns = ColumnsOfItems.of(store, batch.items(), TimeUnit.NANOSECONDS);

            assertEquals(batch.trainableRows(), batch.evaluator(store).trainable(columns));
        });
    }

    @Test
    void shouldMarkTheSameRowsInParallelAsOnOneThread() {
        qt().withExamples(PARALLEL_EXAMPLES).withShrinkCycles(FEW_SHRINK_CYCLES).forAll(batches()).checkAssert(batch -> {
            MemberStore store = MemberStore.of(batch.members());
            ItemColumns columns = ColumnsOfItems.of(store, batch.items(), TimeUnit.NANOSECONDS, MANY_ROWS);
            BatchEvaluator evaluator = batch.evaluator(store);

            BitSet parallel = evaluator.trainable(columns, ForkJoinPool.commonPool());

            assertEquals(evaluator.trainable(columns), parallel);
            BitSet once = batch.trainableRows();
            BitSet expected = new BitSet(MANY_ROWS);
            for (int row = 0; row < MANY_ROWS; row++) {
                expected.set(row, once.get(row % batch.items().size()));
            }
            assertEquals(expected, parallel);
        });
    }

    @Test
    void shouldMarkTheSameRowsInCoarserUnitsWhenEveryItemInstantIsAWholeUnit() {
        qt().withExamples(MANY_EXAMPLES).forAll(batches(), Generate.pick(COARSER_UNITS)).checkAssert((batch, unit) -> {
            Batch whole = batch.withItems(batch.items().stream().map(item -> ColumnsOfItems.truncated(item, unit))
                    .collect(Collectors.toList()));
            MemberStore store = MemberStore.of(whole.members());
            BatchEvaluator evaluator = whole.evaluator(store);

            BitSet inUnit = evaluator.trainable(ColumnsOfItems.of(store, whole.items(), unit));

            assertEquals(evaluator.trainable(ColumnsOfItems.of(store, whole.items(), TimeUnit.NANOSECONDS)), inUnit);
            assertEquals(whole.trainableRows(), inUnit);
        });
    }

    @Test
    void shouldKeepExactlyTheTrainableItemsOfAStreamInOrder() {
        qt().withExamples(EXAMPLES).forAll(batches()).checkAssert(batch -> {
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(batch.members()));
            List<ContentItem> expected = batch.items().stream().filter(item -> isTrainable(batch.scenario(item)))
                    .collect(Collectors.toList());

            assertEquals(expected, evaluator.trainable(batch.items().stream()).collect(Collectors.toList()));
        });
    }

    @Test
    void shouldKeepExactlyTheTrainableItemsOfAParallelStreamInOrder() {
        qt().withExamples(EXAMPLES / 4).forAll(batches()).checkAssert(batch -> {
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(batch.members()));
            // Enough items for a parallel stream to split them between threads.
            List<ContentItem> items = new ArrayList<>();
            Collections.nCopies(50, batch.items()).forEach(items::addAll);
            List<ContentItem> expected = items.stream().filter(item -> isTrainable(batch.scenario(item)))
                    .collect(Collectors.toList());

            assertEquals(expected, evaluator.trainable(items.parallelStream()).collect(Collectors.toList()));
        });
    }

    @Test
    void shouldAnswerAsThePolicyDoesForStoresLargeEnoughToResolveMembersInParallel() {
        qt().withExamples(LARGE_STORE_EXAMPLES).withShrinkCycles(FEW_SHRINK_CYCLES).forAll(batches()).checkAssert(batch -> {
            // Copies of the batch's members under other ids, interleaved: copy c of member j is
            // the (c * members + j)-th added.
            List<Member> members = batch.members();
            int copies = LARGE_STORE_MEMBERS / members.size() + 1;
            List<Member> all = new ArrayList<>(copies * members.size());
            for (int c = 0; c < copies; c++) {
                for (Member member : members) {
                    all.add(c == 0 ? member : renamed(member, member.id() + "#" + c));
                }
            }
            BatchEvaluator evaluator = batch.evaluator(MemberStore.of(all));

            for (ContentItem item : batch.items()) {
                for (int c : new int[] {0, 1, copies / 2, copies - 1}) {
                    Member author = renamed(batch.author(item), item.authorId() + (c == 0 ? "" : "#" + c));
                    ContentItem copy = ContentItem.of(item.id(), author.id(), item.category(), item.createdAt(),
                            item.deletedAt().orElse(null), item.reservations())
                            .withResumedAt(item.resumedAt().orElse(null));
                    Scenario question = Scenario.of(batch.policy(), author, copy, batch.asOf(), batch.knownAt().orElse(null));
                    assertEquals(isTrainable(question), evaluator.isTrainable(copy), copy::toString);
                }
            }
        });
    }

    @Test
    void shouldGiveEveryItemTheSameReasonOverAStoreBroughtUpToDateAsOverOneBuiltAfresh() {
        qt().withExamples(EXAMPLES).forAll(batches(), integers().allPositive()).checkAssert((batch, seed) -> {
            Changes changes = Changes.of(batch.members(), new Random(seed));
            MemberStore store = MemberStore.of(changes.initial);
            for (int round = 0; round < changes.upserts.size(); round++) {
                MemberStore before = store;
                int members = before.memberCount();
                store = store.withChanges(changes.upserts.get(round), changes.removals.get(round));
                assertEquals(members, before.memberCount(), "a store changed by withChanges");
            }
            MemberStore fresh = MemberStore.of(changes.expected);
            BatchEvaluator changed = batch.evaluator(store);
            BatchEvaluator reference = batch.evaluator(fresh);
            String context = changes + "\n" + batch;

            assertEquals(fresh.memberCount(), store.memberCount(), context);
            assertEquals(fresh.consentEventCount(), store.consentEventCount(), context);
            assertEquals(reference.reasons(batch.items()), changed.reasons(batch.items()), context);
            assertEquals(List.of(reference.reasons(ColumnsOfItems.of(fresh, batch.items(), TimeUnit.NANOSECONDS))),
                    List.of(changed.reasons(ColumnsOfItems.of(store, batch.items(), TimeUnit.NANOSECONDS))), context);
            assertEquals(reference.trainable(ColumnsOfItems.of(fresh, batch.items(), TimeUnit.NANOSECONDS)),
                    changed.trainable(ColumnsOfItems.of(store, batch.items(), TimeUnit.NANOSECONDS)), context);
            if (batch.knownAt().isEmpty()) {
                BatchEvaluator present = BatchEvaluator.of(batch.policy(), store, batch.asOf());
                for (ContentItem item : batch.items()) {
                    assertEquals(reference.isTrainable(item), present.isTrainable(item), context);
                }
            }
        });
    }

    /**
     * Rounds of changes that bring a store of {@link #initial} members to {@link #expected}, a batch's
     * members with padding: some of the batch's members are there from the start, some replace another
     * version of themselves and some are added, in a random round, some after a version of their own
     * that a later round replaces; members not in the batch are removed, some added first in an earlier
     * round; and ids never in the store are removed too. With much padding the rounds share the first
     * store's arrays; with little, they pass a quarter of it and compact.
     */
    private static final class Changes {

        final List<Member> initial = new ArrayList<>();
        final List<Member> expected = new ArrayList<>();
        final List<List<Member>> upserts = new ArrayList<>();
        final List<Set<String>> removals = new ArrayList<>();

        static Changes of(List<Member> members, Random random) {
            Changes changes = new Changes();
            int rounds = 1 + random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                changes.upserts.add(new ArrayList<>());
                changes.removals.add(new HashSet<>());
            }
            int padding = random.nextBoolean() ? random.nextInt(4) : 20 + random.nextInt(40);
            for (int p = 0; p < padding; p++) {
                Member padded = renamed(members.get(p % members.size()), "padding#" + p);
                changes.initial.add(padded);
                changes.expected.add(padded);
            }
            for (Member member : members) {
                Member other = renamed(members.get(random.nextInt(members.size())), member.id());
                int round = random.nextInt(rounds);
                switch (random.nextInt(5)) {
                    case 0 -> changes.initial.add(member);
                    case 1 -> {
                        changes.initial.add(other);
                        changes.upserts.get(round).add(member);
                    }
                    case 2 -> changes.upserts.get(round).add(member);
                    case 3 -> {
                        // A version added or replaced in one round, replaced again in a later one.
                        if (random.nextBoolean()) {
                            changes.initial.add(other);
                        }
                        int later = round + random.nextInt(rounds - round);
                        if (later == round) {
                            changes.upserts.get(round).add(member);
                        } else {
                            changes.upserts.get(round).add(other);
                            changes.upserts.get(later).add(member);
                        }
                    }
                    default -> {
                        // The member's place in the store passes through a removal and an upsert.
                        changes.initial.add(other);
                        int later = round + random.nextInt(rounds - round);
                        if (later == round) {
                            changes.upserts.get(round).add(member);
                        } else {
                            changes.removals.get(round).add(member.id());
                            changes.upserts.get(later).add(member);
                        }
                    }
                }
                changes.expected.add(member);
            }
            for (int g = random.nextInt(4); g > 0; g--) {
                Member gone = renamed(members.get(random.nextInt(members.size())), "gone#" + g);
                int round = random.nextInt(rounds);
                if (random.nextBoolean()) {
                    changes.initial.add(gone);
                    changes.removals.get(round).add(gone.id());
                } else if (round + 1 < rounds) {
                    changes.upserts.get(round).add(gone);
                    changes.removals.get(round + 1 + random.nextInt(rounds - round - 1)).add(gone.id());
                }
                changes.removals.get(random.nextInt(rounds)).add("never#" + g);
            }
            Collections.shuffle(changes.initial, random);
            return changes;
        }

        /** The ids of each round's changes, so that a failure can be rebuilt. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("from " + initial.stream().map(Member::id).collect(Collectors.toList()));
            for (int r = 0; r < upserts.size(); r++) {
                text.append("\n round ").append(r).append(": upserts ")
                        .append(upserts.get(r).stream().map(Member::id).collect(Collectors.toList()))
                        .append(", removals ").append(removals.get(r));
            }
            return text.toString();
        }
    }

    /** The reference answer to one question: the fast answer, or the replay's when it has an audit instant. */
    private static boolean isTrainable(Scenario question) {
        return question.knownAt().isPresent() ? question.replay().trainable() : question.isTrainable();
    }

    private static Member renamed(Member member, String id) {
        return Member.builder(id)
                .birthDate(member.birthDate().orElse(null))
                .jurisdictions(member.jurisdictions())
                .closures(member.closures())
                .consent(member.consent())
                .build();
    }
}
