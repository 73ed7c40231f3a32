package dev.consentkit.batch;

import dev.consentkit.AccountClosure;
import dev.consentkit.Jurisdiction;
import dev.consentkit.Member;
import dev.consentkit.Purpose;
import dev.consentkit.Residence;
import dev.consentkit.TrainingPolicy;
import dev.consentkit.internal.AccountClosures;
import dev.consentkit.internal.CalendarDays;
import dev.consentkit.internal.ConsentLookup;
import dev.consentkit.internal.InForce;
import dev.consentkit.internal.KernelTime;
import dev.consentkit.internal.MemberFacts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Millions of members' training-relevant facts in a few primitive arrays, looked up by member id:
 * what {@link BatchEvaluator} needs to decide for many items at once.
 *
 * <p>Per member the store keeps the id, the birth date, the account closures, the jurisdiction
 * timeline and, per consent event, its purpose, choice, {@code effectiveAt} and {@code recordedAt},
 * grouped by purpose so that finding the choice in effect costs the same however many events of
 * other purposes a member has. It does not keep event ids or channels, so it answers whether an item
 * is trainable and why, but cannot cite the event that decided: for explained decisions, evaluate the
 * {@link Member} itself with {@link TrainingPolicy#evaluate}.
 *
 * <p>Members get indexes in the order they are added, from 0: columnar callers ({@link ItemColumns})
 * refer to authors by index. Ids take one byte per character while every id is Latin-1, and two for
 * every id once one is not. Ids are found through a hash table keyed by a hash of the id's characters
 * with a seed drawn when the store is built, so ids chosen to collide (member handles can be chosen
 * by anyone) cannot slow it down. A store holds at most 2<sup>29</sup> members.
 *
 * <p>{@link #footprintBytes()} and {@link #consentEventCount()} are the supported way to size a store:
 * with ids of ten ASCII characters a member costs about 48 bytes and a consent event 24 (see the
 * project's benchmark documentation for measured figures); a Global Privacy Control opt-out is kept a
 * second time, in its member's group of such signals, and costs 24 bytes more. Immutable and safe to share between
 * threads; {@link #indexOf} allocates nothing.
 *
 * <p>An account never closed, or closed once and not reopened, costs nothing beyond the member's
 * closure column. The closures of an account that was reopened, or closed more than once, go to a side
 * table: 16 bytes per closure and 4 per such member.
 *
 * <p><b>Changes.</b> {@link #withChanges} brings a store up to date with changed, added and removed
 * members at a cost that follows the number of changes, not the store's size: the new store shares
 * this one's arrays. It is <em>layered</em>: a <em>base</em>, the arrays of the store it came from,
 * shared; a <em>delta</em>, a small store of the added and replaced members whose dictionaries of
 * jurisdictions and purposes extend the base's, so that the base's entries keep their meaning; and a
 * bitmap of the base's indexes that were <em>vacated</em>, their member replaced or removed. A further
 * {@code withChanges} builds a new delta and bitmap over the same base; once the delta and the vacated
 * indexes together pass a quarter of the base, the members present are copied into one new flat store
 * instead, whose dictionaries keep the jurisdictions and purposes of those members only. Either way
 * members are copied from array to array, a run of neighbouring members at a time, never through
 * {@link Member} objects.
 *
 * <p><b>Indexes</b> belong to one store: after {@code withChanges}, look members up again in the new
 * store. The base's members keep their indexes there and the delta's follow, from the base's size up,
 * so indexes run from 0 to {@link #size()} {@code - 1} as in any store, but a vacated index holds no
 * member: {@link #indexOf} never returns it, {@link #memberId} rejects it, and so do
 * {@link BatchEvaluator}'s methods that take member indexes. {@link #memberCount()} is the number of
 * members present. A flat store, one built by {@link Builder} or compacted, has no vacated index.
 */
public final class MemberStore {

    // The hash table has twice as many slots as members, in a power of two that an int can count.
    private static final int MAX_MEMBERS = 1 << 29;
    // The longest array the builder grows: the largest the JVM is sure to allocate.
    private static final int MAX_ENTRIES = Integer.MAX_VALUE - 8;
    // Up to this many purpose groups a member's are visited one by one when finding the choice in effect.
    private static final int SCANNED_GROUPS = 8;
    // The purpose index of a member's extra group, first among theirs, that holds their Global Privacy
    // Control opt-outs of any purpose a second time: what a version that counts GPC signals as
    // objections searches besides the covering groups. Members without such a signal have no such group.
    private static final int GPC_SIGNALS = -1;
    // closedAt's entries from here up to, not including, FIRST_STORED point into the side table of closures.
    private static final long SIDE_TABLE = KernelTime.ALWAYS;
    private static final long FIRST_STORED = KernelTime.nanos(KernelTime.FIRST);
    // withChanges copies the members present into one flat store once the delta's members and the
    // vacated indexes together pass this share of the base's members: 1 / 2^COMPACTION_SHIFT.
    private static final int COMPACTION_SHIFT = 2;
    // Reads the layout of its consent events that each member keeps.
    private static final MemberFacts.Access MEMBER_FACTS = MemberFacts.access();
    // Indexes from 0 to size - 1: the members of this store's own arrays, then those of the delta.
    private final int size;
    // The members of this store's own arrays (the base's, shared, in a layered store); size in a flat one.
    private final int ownSize;
    // In a layered store, the added and replaced members, at indexes from ownSize up, and the bitmap of
    // the own members' indexes that are vacated (bit m of word m >>> 6); null in a flat store.
    private final @Nullable MemberStore delta;
    private final long @Nullable [] vacated;
    private final int vacatedCount;
    private final MemberIdHash idHash;
    // Ids: characters in one array, one byte each while every id is Latin-1, two bytes otherwise.
    private final boolean wideIds;
    private final byte[] idChars;
    // When every id has the same length, id m starts at m * idLength and idStarts is null; otherwise
    // idLength is -1 and idStarts holds where each id starts, and where the last one ends.
    private final int idLength;
    private final int @Nullable [] idStarts;
    // Open addressing, length a power of two: 0 for an empty slot, or member index + 1 in the low bits
    // (under indexMask) and the top bits of the id's hash above them, so that a probe passes other
    // members' slots without reading their ids.
    private final int indexMask;
    private final int[] slots;
    // Packed birth dates (CalendarDays), closures in kernel nanoseconds. closedAt[m] is NEVER for an
    // account never closed and the start of its closure for one closed once and not reopened: the
    // closure in effect at any asOf that kernel's rule (closedAt <= asOf) is given. For any other
    // account it is SIDE_TABLE + s, below every stored instant: member m's closures are then
    // [closureStarts[s], closureStarts[s + 1]) of closureFrom and closureUntil (NEVER: not reopened).
    private final int[] birthDates;
    private final long[] closedAt;
    private final int[] closureStarts;
    private final long[] closureFrom;
    private final long[] closureUntil;
    private final int[] residenceStarts;
    private final long[] residenceFrom;
    private final short[] residencePlace;
    // Consent events, grouped per member by purpose (ConsentLookup's layout): member m's groups are
    // [groupStarts[m], groupStarts[m + 1]), sorted by purpose index; group g's events are
    // [groupEventStarts[g], groupEventStarts[g + 1]), in effect order.
    private final int[] groupStarts;
    private final int[] groupPurpose;
    private final int[] groupEventStarts;
    // The consent events of the members present in the own arrays, each once (a GPC opt-out is stored
    // twice: in its purpose's group and in its member's GPC group).
    private final int consentEvents;
    private final long[] eventEffectiveAt;
    private final long[] eventRecordedAt;
    private final int[] eventCode;
    // The dictionaries the own arrays and the delta's index into: in a layered store the delta's, whose
    // first entries are the base's.
    private final Jurisdiction[] places;
    private final Purpose[] purposes;

    private MemberStore(Builder b) {
        this.size = b.size;
        this.ownSize = b.size;
        this.delta = null;
        this.vacated = null;
        this.vacatedCount = 0;
        this.idHash = new MemberIdHash();
        this.wideIds = b.wideIds;
        int uniformLength = size == 0 ? 0 : b.idStarts[1];
        for (int m = 1; m < size && uniformLength >= 0; m++) {
            if (b.idStarts[m + 1] - b.idStarts[m] != uniformLength) {
                uniformLength = -1;
            }
        }
        this.idLength = uniformLength;
        this.idStarts = uniformLength >= 0 ? null : fit(b.idStarts, size + 1);
        int chars = b.idStarts[size];
        this.idChars = fit(b.idBytes, wideIds ? chars * 2 : chars);
        this.birthDates = fit(b.birthDates, size);
        this.closedAt = fit(b.closedAt, size);
        this.closureStarts = fit(b.closureStarts, b.sideMembers + 1);
        this.closureFrom = fit(b.closureFrom, b.closureCount);
        this.closureUntil = fit(b.closureUntil, b.closureCount);
        this.residenceStarts = fit(b.residenceStarts, size + 1);
        this.residenceFrom = fit(b.residenceFrom, b.residenceCount);
        this.residencePlace = fit(b.residencePlace, b.residenceCount);
        this.groupStarts = fit(b.groupStarts, size + 1);
        this.groupPurpose = fit(b.groupPurpose, b.groupCount);
        this.groupEventStarts = fit(b.groupEventStarts, b.groupCount + 1);
        this.consentEvents = b.consentEvents;
        this.eventEffectiveAt = fit(b.eventEffectiveAt, b.eventCount);
        this.eventRecordedAt = fit(b.eventRecordedAt, b.eventCount);
        this.eventCode = fit(b.eventCode, b.eventCount);
        this.places = new Jurisdiction[b.places.size()];
        for (Map.Entry<Jurisdiction, Integer> e : b.places.entrySet()) {
            places[e.getValue()] = e.getKey();
        }
        this.purposes = new Purpose[b.purposes.size()];
        for (Map.Entry<Purpose, Integer> e : b.purposes.entrySet()) {
            purposes[e.getValue()] = e.getKey();
        }
        this.slots = new int[Math.max(2, Integer.highestOneBit(Math.max(1, size) * 2 - 1) << 1)];
        // Member index + 1 goes up to size; the bits above it keep the hash's top bits.
        this.indexMask = (int) ((1L << (32 - Integer.numberOfLeadingZeros(size))) - 1);
        // The ids are hashed and compared where they are stored, without a String per member.
        for (int m = 0; m < size; m++) {
            int hash = idHash.hash(idChars, idStart(m), idLength(m), wideIds);
            int fingerprint = hash & ~indexMask;
            int slot = firstSlot(hash);
            for (int entry = slots[slot]; entry != 0; entry = slots[slot]) {
                if ((entry & ~indexMask) == fingerprint && sameId((entry & indexMask) - 1, m)) {
                    throw new IllegalArgumentException("member " + ownMemberId(m) + " is added to the store twice");
                }
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = fingerprint | (m + 1);
        }
    }

    /** Whether own members {@code a} and {@code b} have the same id. */
    private boolean sameId(int a, int b) {
        int unit = wideIds ? 2 : 1;
        int aStart = idStart(a) * unit;
        int bStart = idStart(b) * unit;
        return Arrays.equals(idChars, aStart, aStart + idLength(a) * unit, idChars, bStart, bStart + idLength(b) * unit);
    }

    /** {@code array} itself when it has {@code length} entries, which a builder's exact reservation gives; else its first {@code length}. */
    private static int[] fit(int[] array, int length) {
        return array.length == length ? array : Arrays.copyOf(array, length);
    }

    private static long[] fit(long[] array, int length) {
        return array.length == length ? array : Arrays.copyOf(array, length);
    }

    private static short[] fit(short[] array, int length) {
        return array.length == length ? array : Arrays.copyOf(array, length);
    }

    private static byte[] fit(byte[] array, int length) {
        return array.length == length ? array : Arrays.copyOf(array, length);
    }

    /**
     * A layered store: {@code base}'s own arrays, shared, with {@code delta}'s members after them and
     * the base's indexes marked in {@code vacated} left empty.
     */
    private MemberStore(MemberStore base, MemberStore delta, long[] vacated, int vacatedCount, int baseConsentEvents) {
        this.size = base.ownSize + delta.size;
        this.ownSize = base.ownSize;
        this.delta = delta;
        this.vacated = vacated;
        this.vacatedCount = vacatedCount;
        this.idHash = base.idHash;
        this.wideIds = base.wideIds;
        this.idChars = base.idChars;
        this.idLength = base.idLength;
        this.idStarts = base.idStarts;
        this.indexMask = base.indexMask;
        this.slots = base.slots;
        this.birthDates = base.birthDates;
        this.closedAt = base.closedAt;
        this.closureStarts = base.closureStarts;
        this.closureFrom = base.closureFrom;
        this.closureUntil = base.closureUntil;
        this.residenceStarts = base.residenceStarts;
        this.residenceFrom = base.residenceFrom;
        this.residencePlace = base.residencePlace;
        this.groupStarts = base.groupStarts;
        this.groupPurpose = base.groupPurpose;
        this.groupEventStarts = base.groupEventStarts;
        this.consentEvents = baseConsentEvents;
        this.eventEffectiveAt = base.eventEffectiveAt;
        this.eventRecordedAt = base.eventRecordedAt;
        this.eventCode = base.eventCode;
        this.places = delta.places;
        this.purposes = delta.purposes;
    }

    /**
     * Starts an empty store.
     *
     * @return a builder for the store
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A store of these members.
     *
     * @param members the members, with distinct ids
     * @return the store
     * @throws NullPointerException if the collection or a member is null
     * @throws IllegalArgumentException if two members share an id; the message shows it
     */
    public static MemberStore of(Iterable<Member> members) {
        Builder builder = builder();
        for (Member member : Objects.requireNonNull(members, "members")) {
            builder.add(member);
        }
        return builder.build();
    }

    /**
     * A store of this one's members with changes applied: each member of {@code upserts} replaces the
     * member with the same id, or is added when this store has none, and the members with the ids of
     * {@code removedIds} are removed; an id this store does not have is ignored, so that a removal can
     * be applied twice, or reach a store that never had the member. This store does not change.
     *
     * <p>The new store shares this one's arrays: its cost follows the number of changes, plus a bitmap
     * of a bit per member, until the changes since the last flat store pass a quarter of its members,
     * when they are all copied into a new flat store (see the class description). Indexes belong to
     * one store: look members up again in the new one.
     *
     * @param upserts the members that replace this store's members with the same ids, or are added
     * @param removedIds the ids of the members to remove
     * @return the store with the changes, immutable and safe to share between threads
     * @throws NullPointerException if a collection, a member or an id is null
     * @throws IllegalArgumentException if two upserted members share an id, an id is both upserted and
     *     removed, or the store would exceed its limits; the message names the id or the limit
     */
    public MemberStore withChanges(Collection<Member> upserts, Collection<String> removedIds) {
        return withChanges(upserts, removedIds, builder -> { });
    }

    /**
     * {@link #withChanges(Collection, Collection)}, handing the builder of the new store, or of the new
     * delta, to {@code beforeBuild} once everything is in it and before it builds: what lets a test
     * see that the change filled exactly the room it reserved.
     */
    MemberStore withChanges(Collection<Member> upserts, Collection<String> removedIds, Consumer<Builder> beforeBuild) {
        Map<String, Member> upserted = new LinkedHashMap<>();
        for (Member member : Objects.requireNonNull(upserts, "upserts")) {
            String id = Objects.requireNonNull(member, "upserted member").id();
            if (upserted.put(id, member) != null) {
                throw new IllegalArgumentException("member " + id + " is upserted twice");
            }
        }
        Set<String> changed = new HashSet<>(upserted.keySet());
        for (String id : Objects.requireNonNull(removedIds, "removedIds")) {
            if (upserted.containsKey(Objects.requireNonNull(id, "removed member id"))) {
                throw new IllegalArgumentException("member " + id + " is both upserted and removed");
            }
            changed.add(id);
        }
        long[] nowVacated = vacated == null ? new long[(ownSize + 63) >>> 6] : vacated.clone();
        int nowVacatedCount = vacatedCount;
        int ownEvents = consentEvents;
        for (String id : changed) {
            int m = ownIndexOf(id);
            if (m >= 0 && (nowVacated[m >>> 6] & 1L << m) == 0) {
                nowVacated[m >>> 6] |= 1L << m;
                nowVacatedCount++;
                ownEvents -= ownConsentEvents(m);
            }
        }
        // The old delta's members that stay: found by id, at a cost that follows the changes.
        MemberStore d = delta;
        long[] dropped = new long[d == null ? 0 : (d.ownSize + 63) >>> 6];
        int kept = 0;
        if (d != null) {
            kept = d.ownSize;
            for (String id : changed) {
                int k = d.ownIndexOf(id);
                if (k >= 0) {
                    dropped[k >>> 6] |= 1L << k;
                    kept--;
                }
            }
        }
        boolean compact = kept + upserted.size() + nowVacatedCount > ownSize >>> COMPACTION_SHIFT;
        List<Member> added = new ArrayList<>(upserted.values());
        Builder builder;
        int[] placeMap;
        int[] purposeMap;
        if (compact) {
            // The new flat store keeps the jurisdictions and purposes of the members present, in their
            // order, so that each purpose group stays sorted.
            boolean[] placeUsed = new boolean[places.length];
            boolean[] purposeUsed = new boolean[purposes.length];
            markUsed(this, nowVacated, placeUsed, purposeUsed);
            if (d != null) {
                markUsed(d, dropped, placeUsed, purposeUsed);
            }
            placeMap = renumber(placeUsed);
            purposeMap = renumber(purposeUsed);
            builder = new Builder(usedEntries(places, placeUsed), usedEntries(purposes, purposeUsed));
            builder.reserve(this, nowVacated, d, dropped, added);
            copyPresent(builder, this, nowVacated, placeMap, purposeMap);
        } else {
            // A delta's dictionaries start with this store's, so that the indexes in the shared arrays,
            // and in the kept members of the old delta, keep their meaning.
            placeMap = null;
            purposeMap = null;
            builder = new Builder(Arrays.asList(places), Arrays.asList(purposes));
            builder.reserve(null, null, d, dropped, added);
        }
        if (d != null) {
            copyPresent(builder, d, dropped, placeMap, purposeMap);
        }
        for (Member member : added) {
            builder.add(member);
        }
        beforeBuild.accept(builder);
        MemberStore changes = builder.build();
        return compact ? changes : new MemberStore(this, changes, nowVacated, nowVacatedCount, ownEvents);
    }

    /** Marks the jurisdictions and purposes of {@code from}'s own members not marked in {@code absent}. */
    private static void markUsed(MemberStore from, long[] absent, boolean[] placeUsed, boolean[] purposeUsed) {
        forEachRun(from, absent, (start, end) -> {
            for (int r = from.residenceStarts[start]; r < from.residenceStarts[end]; r++) {
                placeUsed[from.residencePlace[r]] = true;
            }
            for (int g = from.groupStarts[start]; g < from.groupStarts[end]; g++) {
                if (from.groupPurpose[g] != GPC_SIGNALS) {
                    purposeUsed[from.groupPurpose[g]] = true;
                }
            }
        });
    }

    /** Copies {@code from}'s own members not marked in {@code absent} into {@code builder}, run by run. */
    private static void copyPresent(Builder builder, MemberStore from, long[] absent, int @Nullable [] placeMap,
            int @Nullable [] purposeMap) {
        forEachRun(from, absent, (start, end) -> builder.copyRun(from, start, end, placeMap, purposeMap));
    }

    /** What to do with a run of consecutive members, {@code start} to {@code end} exclusive. */
    @FunctionalInterface
    private interface Run {
        void accept(int start, int end);
    }

    /** Calls {@code run} for each longest run of {@code from}'s own members not marked in {@code absent}. */
    private static void forEachRun(MemberStore from, long[] absent, Run run) {
        int m = 0;
        while (m < from.ownSize) {
            while (m < from.ownSize && (absent[m >>> 6] & 1L << m) != 0) {
                m++;
            }
            int start = m;
            while (m < from.ownSize && (absent[m >>> 6] & 1L << m) == 0) {
                m++;
            }
            if (start < m) {
                run.accept(start, m);
            }
        }
    }

    /** The new index of each old dictionary entry: the used ones numbered anew in order, the others -1. */
    private static int[] renumber(boolean[] used) {
        int[] map = new int[used.length];
        int next = 0;
        for (int i = 0; i < used.length; i++) {
            map[i] = used[i] ? next++ : -1;
        }
        return map;
    }

    /** The entries of {@code dictionary} that are used, in order. */
    private static <T> List<T> usedEntries(T[] dictionary, boolean[] used) {
        List<T> entries = new ArrayList<>();
        for (int i = 0; i < dictionary.length; i++) {
            if (used[i]) {
                entries.add(dictionary[i]);
            }
        }
        return entries;
    }

    /**
     * {@return the number of indexes: members' indexes run from 0 to {@code size() - 1}} In a store
     * made by {@link #withChanges}, that counts the vacated indexes too, which hold no member; see
     * {@link #memberCount()}.
     */
    public int size() {
        return size;
    }

    /** {@return the number of members present: {@link #size()} less the vacated indexes} */
    public int memberCount() {
        return size - vacatedCount;
    }

    /**
     * {@return the number of consent events of all members present together: with {@link #memberCount()},
     * what a store costs}
     */
    public int consentEventCount() {
        MemberStore d = delta;
        return consentEvents + (d == null ? 0 : d.consentEvents);
    }

    /**
     * The index of the member with this id, from 0 to {@code size() - 1}, or -1 when the store has no
     * such member; never a vacated index. Columnar callers ({@link ItemColumns}) refer to members by
     * this index, which holds for this store only: a store made by {@link #withChanges} may give the
     * member another.
     *
     * @param memberId a member's id
     * @return the member's index, or -1 when the store has no such member
     */
    public int indexOf(String memberId) {
        Objects.requireNonNull(memberId, "memberId");
        int found = ownIndexOf(memberId);
        MemberStore d = delta;
        return d == null ? found : layeredIndexOf(d, memberId, found);
    }

    /** The index of the member with this id in the own arrays, vacated or not, or -1. */
    private int ownIndexOf(String memberId) {
        int hash = idHash.hash(memberId);
        return indexOf(memberId, hash, slots[firstSlot(hash)]);
    }

    /**
     * The index of the member with this id in this layered store, given its index in the own arrays,
     * {@code own}: that one unless it is vacated (-1 counts as vacated), otherwise the member's index
     * in the delta, past the own members, or -1. A member present in the own arrays is not in the delta.
     */
    private int layeredIndexOf(MemberStore d, String memberId, int own) {
        if (own >= 0 && !isVacated(own)) {
            return own;
        }
        int inDelta = d.ownIndexOf(memberId);
        return inDelta < 0 ? -1 : ownSize + inDelta;
    }

    /** Whether the store shares an earlier store's arrays, with a delta and vacated indexes: made by {@link #withChanges} without compacting. */
    boolean isLayered() {
        return delta != null;
    }

    /** Whether {@code member}, an index of this store, is vacated: it holds no member. */
    boolean isVacated(int member) {
        long[] v = vacated;
        return v != null && member < ownSize && (v[member >>> 6] & 1L << member) != 0;
    }

    /**
     * Whether the store has a member with this id.
     *
     * @param memberId a member's id
     * @return {@code true} when the store has the member
     */
    public boolean contains(String memberId) {
        return indexOf(memberId) >= 0;
    }

    /**
     * The id of the member at {@code index}.
     *
     * @param index a member's index in this store
     * @return the member's id
     * @throws IndexOutOfBoundsException if {@code index} is not from 0 to {@code size() - 1}
     * @throws IllegalArgumentException if {@code index} is vacated: its member was replaced or removed
     *     by {@link #withChanges}
     */
    public String memberId(int index) {
        Objects.checkIndex(index, size);
        if (index >= ownSize) {
            return delta().ownMemberId(index - ownSize);
        }
        if (isVacated(index)) {
            throw new IllegalArgumentException("member index " + index
                    + " is vacated: its member was replaced or removed");
        }
        return ownMemberId(index);
    }

    /** The id of the member at {@code index} of the own arrays. */
    private String ownMemberId(int index) {
        int start = idStart(index);
        int length = idLength(index);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(start + i);
        }
        return new String(chars);
    }

    /**
     * {@return the bytes the store's arrays take on the heap (array headers included, object overhead of the
     * store itself and its small tables excluded): what its members cost} A supported figure for
     * sizing: it follows the layout of the release it comes from. For a store made by
     * {@link #withChanges} that shares the arrays of an earlier store, the figure includes those
     * arrays, counted once, with those of vacated indexes.
     */
    public long footprintBytes() {
        MemberStore d = delta;
        long[] v = vacated;
        return ownFootprintBytes() + (d == null ? 0 : d.ownFootprintBytes())
                + (v == null ? 0 : arrayBytes(v.length, 8));
    }

    private long ownFootprintBytes() {
        int[] starts = idStarts;
        return arrayBytes(idChars.length, 1) + (starts == null ? 0 : arrayBytes(starts.length, 4))
                + arrayBytes(slots.length, 4)
                + arrayBytes(birthDates.length, 4) + arrayBytes(closedAt.length, 8)
                + arrayBytes(closureStarts.length, 4) + arrayBytes(closureFrom.length, 8)
                + arrayBytes(closureUntil.length, 8)
                + arrayBytes(residenceStarts.length, 4) + arrayBytes(residenceFrom.length, 8)
                + arrayBytes(residencePlace.length, 2) + arrayBytes(groupStarts.length, 4)
                + arrayBytes(groupPurpose.length, 4) + arrayBytes(groupEventStarts.length, 4)
                + arrayBytes(eventEffectiveAt.length, 8) + arrayBytes(eventRecordedAt.length, 8)
                + arrayBytes(eventCode.length, 4);
    }

    private static long arrayBytes(int length, int elementBytes) {
        return (16 + (long) length * elementBytes + 7) & ~7L;
    }

    /** The number of the member's consent events in the own arrays, without the second copy of a GPC opt-out. */
    private int ownConsentEvents(int member) {
        int from = groupStarts[member];
        int to = groupStarts[member + 1];
        int events = groupEventStarts[to] - groupEventStarts[from];
        return from < to && groupPurpose[from] == GPC_SIGNALS
                ? events - (groupEventStarts[from + 1] - groupEventStarts[from]) : events;
    }

    private MemberStore delta() {
        return Objects.requireNonNull(delta, "delta");
    }

    // ---- for BatchEvaluator; indexes are trusted there. In a layered store an index from ownSize up
    // is the delta's: one comparison, always false for a flat store. ----

    int birthDate(int member) {
        if (member >= ownSize) {
            return delta().birthDate(member - ownSize);
        }
        return birthDates[member];
    }

    /**
     * The start of the member's closure in effect at {@code asOf} (kernel nanoseconds), or an instant
     * after {@code asOf} ({@link KernelTime#NEVER}, or the start of a closure yet to come) when the
     * account is open then: what the kernel's closure rule is given.
     */
    long closedAt(int member, long asOf) {
        if (member >= ownSize) {
            return delta().closedAt(member - ownSize, asOf);
        }
        long closed = closedAt[member];
        if (closed >= FIRST_STORED) {
            return closed;
        }
        int side = (int) (closed - SIDE_TABLE);
        return AccountClosures.closedAt(closureFrom, closureUntil, closureStarts[side], closureStarts[side + 1], asOf);
    }

    /** The index in {@link #places()} of the member's jurisdiction at {@code asOf} (kernel nanoseconds), or -1 when unknown. */
    int placeAt(int member, long asOf) {
        if (member >= ownSize) {
            return delta().placeAt(member - ownSize, asOf);
        }
        int from = residenceStarts[member];
        int found = InForce.at(residenceFrom, from, residenceStarts[member + 1], asOf);
        return found < from ? -1 : residencePlace[found];
    }

    /**
     * The distinct jurisdictions members of the store live in, by index; in a layered store the
     * delta's dictionary, whose first entries are the base's.
     */
    Jurisdiction[] places() {
        return places.clone();
    }

    /**
     * The {@link ConsentLookup} code of the member's choice in effect at {@code asOf} as known at
     * {@code knownAt}, among events whose purpose counts for the policy: those whose index is marked in
     * {@code covers}, listed in {@code covering}, and the member's GPC opt-outs of any purpose when
     * {@code gpcSignalsObject}; or {@link ConsentLookup#NONE}. A member with few purpose groups has them
     * visited; one with many has the covering ones searched for.
     */
    int choiceAt(int member, boolean[] covers, int[] covering, boolean gpcSignalsObject, long asOf, long knownAt) {
        if (member >= ownSize) {
            return delta().choiceAt(member - ownSize, covers, covering, gpcSignalsObject, asOf, knownAt);
        }
        int best = ConsentLookup.NONE;
        int from = groupStarts[member];
        int to = groupStarts[member + 1];
        if (from < to && groupPurpose[from] == GPC_SIGNALS) {
            if (gpcSignalsObject) {
                best = ConsentLookup.latestInGroup(eventEffectiveAt, eventRecordedAt, eventCode, groupEventStarts[from],
                        groupEventStarts[from + 1], asOf, knownAt);
            }
            from++;
        }
        if (to - from <= SCANNED_GROUPS) {
            for (int g = from; g < to; g++) {
                if (covers[groupPurpose[g]]) {
                    best = Math.max(best, ConsentLookup.latestInGroup(eventEffectiveAt, eventRecordedAt, eventCode,
                            groupEventStarts[g], groupEventStarts[g + 1], asOf, knownAt));
                }
            }
            return best;
        }
        for (int purpose : covering) {
            int g = Arrays.binarySearch(groupPurpose, from, to, purpose);
            if (g >= 0) {
                best = Math.max(best, ConsentLookup.latestInGroup(eventEffectiveAt, eventRecordedAt, eventCode,
                        groupEventStarts[g], groupEventStarts[g + 1], asOf, knownAt));
            }
        }
        return best;
    }

    /**
     * The effective instant, in kernel nanoseconds, of the choice point of the member's opt-in in
     * effect, {@code choice} ({@link ConsentLookup}'s "choice point"): the earliest opt-in of the
     * unbroken run of opt-ins known at {@code knownAt} that ends with it, among events whose purpose is
     * marked in {@code covers}.
     */
    long choicePointAt(int member, boolean[] covers, boolean gpcSignalsObject, int choice, long knownAt) {
        if (member >= ownSize) {
            return delta().choicePointAt(member - ownSize, covers, gpcSignalsObject, choice, knownAt);
        }
        int from = groupStarts[member];
        int to = groupStarts[member + 1];
        int after = ConsentLookup.NONE;
        if (from < to && groupPurpose[from] == GPC_SIGNALS) {
            // GPC opt-outs end a run of opt-ins only where they count; they are never an opt-in.
            if (gpcSignalsObject) {
                after = ConsentLookup.lastOptOutBefore(eventRecordedAt, eventCode, groupEventStarts[from],
                        groupEventStarts[from + 1], choice, knownAt);
            }
            from++;
        }
        for (int g = from; g < to; g++) {
            if (covers[groupPurpose[g]]) {
                after = Math.max(after, ConsentLookup.lastOptOutBefore(eventRecordedAt, eventCode,
                        groupEventStarts[g], groupEventStarts[g + 1], choice, knownAt));
            }
        }
        int found = -1;
        for (int g = from; g < to; g++) {
            if (covers[groupPurpose[g]]) {
                int i = ConsentLookup.firstOptInAfter(eventRecordedAt, eventCode, groupEventStarts[g],
                        groupEventStarts[g + 1], after, choice, knownAt);
                if (i >= 0 && (found < 0 || eventCode[i] < eventCode[found])) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("member " + ownMemberId(member) + " has no opt-in with code " + choice);
        }
        return eventEffectiveAt[found];
    }

    /** Which of the store's purposes, by index, count for {@code governed}: it and every broader one. */
    boolean[] purposesCoveringByIndex(Purpose governed) {
        boolean[] covers = new boolean[purposes.length];
        for (int p = 0; p < purposes.length; p++) {
            covers[p] = purposes[p].covers(governed);
        }
        return covers;
    }

    /** The indexes of the store's purposes whose choices count for {@code governed}: it and every broader one. */
    int[] purposesCovering(Purpose governed) {
        int[] covering = new int[purposes.length];
        int count = 0;
        for (int p = 0; p < purposes.length; p++) {
            if (purposes[p].covers(governed)) {
                covering[count++] = p;
            }
        }
        return Arrays.copyOf(covering, count);
    }

    /**
     * Finds the members with {@code ids[0..count)}: {@code found[i]} is the index of {@code ids[i]}'s
     * member, or -1. Faster per id than {@link #indexOf} one by one: the lookups proceed in stages whose
     * memory reads are independent of one another, so they overlap. {@code hashes} and {@code entries}
     * are scratch space of at least {@code count} entries. A layered store looks for the ids whose
     * member is not in its own arrays, or is vacated there, in its delta.
     */
    void indexesOf(String[] ids, int count, int[] hashes, int[] entries, int[] found) {
        // The ids' lengths first: a short loop whose reads of the strings overlap, so that hashing finds
        // them in the cache.
        for (int i = 0; i < count; i++) {
            hashes[i] = ids[i].length();
        }
        for (int i = 0; i < count; i++) {
            hashes[i] = idHash.hash(ids[i]);
        }
        for (int i = 0; i < count; i++) {
            entries[i] = slots[firstSlot(hashes[i])];
        }
        for (int i = 0; i < count; i++) {
            // A first read of the probable member's id, which the last stage completes: its first char,
            // kept where the slot's entry was. No candidate in the probe run: the id is not in the table.
            int candidate = candidate(entries[i], hashes[i]);
            found[i] = candidate;
            entries[i] = candidate < 0 ? -1 : firstChar(candidate);
        }
        for (int i = 0; i < count; i++) {
            int candidate = found[i];
            String id = ids[i];
            if (candidate >= 0 && (id.isEmpty() || entries[i] != id.charAt(0) || !idEquals(candidate, id))) {
                found[i] = indexOf(id, hashes[i], slots[firstSlot(hashes[i])]);
            }
        }
        MemberStore d = delta;
        if (d != null) {
            for (int i = 0; i < count; i++) {
                found[i] = layeredIndexOf(d, ids[i], found[i]);
            }
        }
    }

    /**
     * The member that probably has the id of {@code hash}: the first entry of its probe run, from the
     * slot whose entry is {@code entry}, that keeps the hash's top bits; -1 when the run has none. The
     * run's next slots are mostly in the cache line of its first, which the caller has read.
     */
    private int candidate(int entry, int hash) {
        int fingerprint = hash & ~indexMask;
        int mask = slots.length - 1;
        for (int slot = firstSlot(hash), e = entry; e != 0; slot = (slot + 1) & mask, e = slots[slot]) {
            if ((e & ~indexMask) == fingerprint) {
                return (e & indexMask) - 1;
            }
        }
        return -1;
    }

    /** The first char of the member's id, or -1 when the id is empty. */
    private int firstChar(int member) {
        return idLength(member) == 0 ? -1 : charAt(idStart(member));
    }

    private int indexOf(String id, int hash, int entry) {
        int fingerprint = hash & ~indexMask;
        for (int slot = firstSlot(hash); entry != 0; ) {
            if ((entry & ~indexMask) == fingerprint && idEquals((entry & indexMask) - 1, id)) {
                return (entry & indexMask) - 1;
            }
            slot = (slot + 1) & (slots.length - 1);
            entry = slots[slot];
        }
        return -1;
    }

    /** The hash of {@code id} in this store's table. */
    int hashOf(String id) {
        return idHash.hash(id);
    }

    /** The longest run of slots a lookup may have to probe: how well the ids spread over the table. */
    int longestProbe() {
        int longest = 0;
        int run = 0;
        // Twice round, so that a run wrapping past the end is counted whole.
        for (int i = 0; i < slots.length * 2; i++) {
            run = slots[i & (slots.length - 1)] == 0 ? 0 : run + 1;
            longest = Math.max(longest, Math.min(run, slots.length));
        }
        return longest;
    }

    private int firstSlot(int hash) {
        return hash & (slots.length - 1);
    }

    private int idStart(int member) {
        int[] starts = idStarts;
        return starts == null ? member * idLength : starts[member];
    }

    private int idLength(int member) {
        int[] starts = idStarts;
        return starts == null ? idLength : starts[member + 1] - starts[member];
    }

    private boolean idEquals(int member, String id) {
        if (idLength(member) != id.length()) {
            return false;
        }
        int start = idStart(member);
        for (int i = 0; i < id.length(); i++) {
            if (charAt(start + i) != id.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private char charAt(int position) {
        return MemberIdHash.charAt(idChars, position, wideIds);
    }

    /**
     * A summary, such as {@code MemberStore[1000000 members, 1500000 consent events, 75.3 MB]}, of the
     * members present.
     */
    @Override
    public String toString() {
        return "MemberStore[" + memberCount() + " members, " + consentEventCount() + " consent events, "
                + String.format(Locale.ROOT, "%.1f MB", footprintBytes() / 1e6) + "]";
    }

    /**
     * Collects members into growing primitive arrays, without keeping the {@link Member} objects, so
     * a store of millions can be built from a stream. Not thread-safe.
     */
    public static final class Builder {

        private int size;
        // The ids' chars one byte each, or two (high byte first) once an id has a char above 0xFF, as
        // the store keeps them; idStarts counts chars.
        private boolean wideIds;
        private byte[] idBytes = new byte[16];
        private int[] idStarts = new int[17];
        private int[] birthDates = new int[16];
        private long[] closedAt = new long[16];
        private int sideMembers;
        private int[] closureStarts = new int[17];
        private int closureCount;
        private long[] closureFrom = new long[16];
        private long[] closureUntil = new long[16];
        private int[] residenceStarts = new int[17];
        private int residenceCount;
        private long[] residenceFrom = new long[16];
        private short[] residencePlace = new short[16];
        private int[] groupStarts = new int[17];
        private int groupCount;
        private int[] groupPurpose = new int[16];
        private int[] groupEventStarts = new int[17];
        private int eventCount;
        // The members' own events, without the second copy of a GPC opt-out in its member's GPC group.
        private int consentEvents;
        private long[] eventEffectiveAt = new long[16];
        private long[] eventRecordedAt = new long[16];
        private int[] eventCode = new int[16];
        private final Map<Jurisdiction, Integer> places = new HashMap<>();
        private final Map<Purpose, Integer> purposes = new HashMap<>();
        // Set by build, which may hand these arrays to the store: the next change copies them first.
        private boolean shared;
        private Builder() {}

        /** A builder whose dictionaries start with these entries, at the same indexes. */
        private Builder(List<Jurisdiction> places, List<Purpose> purposes) {
            for (Jurisdiction place : places) {
                this.places.put(place, this.places.size());
            }
            for (Purpose purpose : purposes) {
                this.purposes.put(purpose, this.purposes.size());
            }
        }

        /**
         * Adds a member.
         *
         * @param member the member to add
         * @return this builder, to chain further calls
         * @throws NullPointerException if {@code member} is null
         * @throws IllegalArgumentException if the store would exceed its limits (2<sup>29</sup> members,
         *     32,767 distinct jurisdictions); the message says which
         */
        public Builder add(Member member) {
            Objects.requireNonNull(member, "member");
            String id = member.id();
            checkRoom(1);
            unshare();
            List<Residence> residences = member.jurisdictions().residences();
            int events = member.consent().size();
            // Everything that can fail first, so that a bad member leaves the builder unchanged.
            Set<Jurisdiction> newPlaces = new LinkedHashSet<>();
            for (Residence residence : residences) {
                if (!places.containsKey(residence.jurisdiction())) {
                    newPlaces.add(residence.jurisdiction());
                }
            }
            if (places.size() + newPlaces.size() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("a member store holds at most " + Short.MAX_VALUE
                        + " distinct jurisdictions; member " + id + " would bring it to "
                        + (places.size() + newPlaces.size()));
            }
            // The member's own layout of its events, made when it was built.
            ConsentLookup.Index index = MEMBER_FACTS.consentIndex(member);
            int groups = index.groupCount();
            long[] groupOrder = new long[groups];
            for (int g = 0; g < groups; g++) {
                // Purposes are fewer than events, which an int counts.
                long purpose = purposes.computeIfAbsent(index.groupPurpose(g), p -> purposes.size());
                groupOrder[g] = purpose << 32 | g;
            }
            for (Jurisdiction place : newPlaces) {
                places.put(place, places.size());
            }
            // The store's groups are sorted by purpose index, for the lookup's binary search.
            Arrays.sort(groupOrder);

            addId(id);
            LocalDate birth = member.birthDate().orElse(null);
            birthDates[size] = birth == null ? CalendarDays.UNKNOWN_BIRTH : CalendarDays.pack(birth);
            List<AccountClosure> closures = member.closures();
            if (inSideTable(closures)) {
                addToSideTable(closures);
                closedAt[size] = SIDE_TABLE + sideMembers - 1;
            } else {
                closedAt[size] = closures.isEmpty() ? KernelTime.NEVER : KernelTime.nanos(closures.get(0).closedAt());
            }
            ensureResidences(residenceCount + residences.size());
            for (int i = 0; i < residences.size(); i++) {
                residenceFrom[residenceCount] = KernelTime.startNanos(residences.get(i).from());
                residencePlace[residenceCount] = (short) (int) Objects.requireNonNull(places.get(residences.get(i).jurisdiction()));
                residenceCount++;
            }
            residenceStarts[size + 1] = residenceCount;
            int signals = index.gpcSignalCount();
            ensureGroups(groupCount + groups + (signals > 0 ? 1 : 0));
            ensureEvents(eventCount + events + signals);
            consentEvents += events;
            if (signals > 0) {
                groupPurpose[groupCount] = GPC_SIGNALS;
                groupEventStarts[groupCount] = eventCount;
                for (int k = 0; k < signals; k++) {
                    eventEffectiveAt[eventCount] = index.gpcEffectiveAt(k);
                    eventRecordedAt[eventCount] = index.gpcRecordedAt(k);
                    eventCode[eventCount] = index.gpcCode(k);
                    eventCount++;
                }
                groupCount++;
            }
            for (long entry : groupOrder) {
                int g = (int) entry;
                groupPurpose[groupCount] = (int) (entry >>> 32);
                groupEventStarts[groupCount] = eventCount;
                for (int i = index.groupStart(g), end = index.groupStart(g + 1); i < end; i++) {
                    eventEffectiveAt[eventCount] = index.effectiveAt(i);
                    eventRecordedAt[eventCount] = index.recordedAt(i);
                    eventCode[eventCount] = index.code(i);
                    eventCount++;
                }
                groupCount++;
            }
            groupEventStarts[groupCount] = eventCount;
            groupStarts[size + 1] = groupCount;
            size++;
            return this;
        }

        /**
         * Builds the store. Member ids are checked for uniqueness here, not in {@link #add}: a builder
         * holding a duplicate cannot build, so start a new one without it.
         *
         * @return the store
         * @throws IllegalArgumentException if two members share an id; the message shows it
         */
        public MemberStore build() {
            MemberStore store = new MemberStore(this);
            shared = true;
            return store;
        }

        /**
         * Whether a member's closures go to the side table: all but none, and one that was never
         * reopened, which the closure column holds itself.
         */
        private static boolean inSideTable(List<AccountClosure> closures) {
            return !closures.isEmpty() && !(closures.size() == 1 && closures.get(0).isOpenEnded());
        }

        /**
         * Whether every array holds exactly what was put in it and no room is left: what {@link #reserve}
         * promises once a change has copied and added everything it counted, so that {@link #build}
         * takes the arrays as they are.
         */
        boolean isFull() {
            int idBytesUsed = idStarts[size] * (wideIds ? 2 : 1);
            return birthDates.length == size && closedAt.length == size && idStarts.length == size + 1
                    && residenceStarts.length == size + 1 && groupStarts.length == size + 1
                    && idBytes.length == idBytesUsed
                    && residenceFrom.length == residenceCount && residencePlace.length == residenceCount
                    && groupPurpose.length == groupCount && groupEventStarts.length == groupCount + 1
                    && eventEffectiveAt.length == eventCount && eventRecordedAt.length == eventCount
                    && eventCode.length == eventCount
                    && closureStarts.length == sideMembers + 1 && closureFrom.length == closureCount
                    && closureUntil.length == closureCount;
        }

        /** Copies the arrays that {@link #build} may have handed to a store, before they change. */
        private void unshare() {
            if (shared) {
                idBytes = idBytes.clone();
                idStarts = idStarts.clone();
                birthDates = birthDates.clone();
                closedAt = closedAt.clone();
                closureStarts = closureStarts.clone();
                closureFrom = closureFrom.clone();
                closureUntil = closureUntil.clone();
                residenceStarts = residenceStarts.clone();
                residenceFrom = residenceFrom.clone();
                residencePlace = residencePlace.clone();
                groupStarts = groupStarts.clone();
                groupPurpose = groupPurpose.clone();
                groupEventStarts = groupEventStarts.clone();
                eventEffectiveAt = eventEffectiveAt.clone();
                eventRecordedAt = eventRecordedAt.clone();
                eventCode = eventCode.clone();
                shared = false;
            }
        }

        /**
         * Adds members {@code start} to {@code end} (exclusive) of {@code from}'s own arrays (the base's,
         * in a layered store) as they are there, array to array, without {@link Member}s. Entry
         * {@code i} of {@code placeMap} and {@code purposeMap} is the index in this builder's
         * dictionaries of entry {@code i} of {@code from}'s; null means the same index. Either way the
         * mapping must keep the order of the purposes, so that each member's groups stay sorted.
         */
        void copyRun(MemberStore from, int start, int end, int @Nullable [] placeMap, int @Nullable [] purposeMap) {
            int count = end - start;
            checkRoom(count);
            unshare();
            ensureMembers(size + count);
            copyIds(from, start, end);
            System.arraycopy(from.birthDates, start, birthDates, size, count);

            int firstResidence = from.residenceStarts[start];
            int residences = from.residenceStarts[end] - firstResidence;
            ensureResidences(residenceCount + residences);
            System.arraycopy(from.residenceFrom, firstResidence, residenceFrom, residenceCount, residences);
            System.arraycopy(from.residencePlace, firstResidence, residencePlace, residenceCount, residences);
            for (int r = residenceCount; placeMap != null && r < residenceCount + residences; r++) {
                residencePlace[r] = (short) placeMap[residencePlace[r]];
            }
            int residenceShift = residenceCount - firstResidence;
            residenceCount += residences;

            int firstGroup = from.groupStarts[start];
            int groups = from.groupStarts[end] - firstGroup;
            int firstEvent = from.groupEventStarts[firstGroup];
            int events = from.groupEventStarts[firstGroup + groups] - firstEvent;
            ensureGroups(groupCount + groups);
            ensureEvents(eventCount + events);
            System.arraycopy(from.groupPurpose, firstGroup, groupPurpose, groupCount, groups);
            int eventShift = eventCount - firstEvent;
            for (int g = 0; g < groups; g++) {
                groupEventStarts[groupCount + g] = from.groupEventStarts[firstGroup + g] + eventShift;
                int purpose = groupPurpose[groupCount + g];
                if (purposeMap != null && purpose != GPC_SIGNALS) {
                    groupPurpose[groupCount + g] = purposeMap[purpose];
                }
            }
            System.arraycopy(from.eventEffectiveAt, firstEvent, eventEffectiveAt, eventCount, events);
            System.arraycopy(from.eventRecordedAt, firstEvent, eventRecordedAt, eventCount, events);
            System.arraycopy(from.eventCode, firstEvent, eventCode, eventCount, events);
            int groupShift = groupCount - firstGroup;
            groupCount += groups;
            eventCount += events;
            groupEventStarts[groupCount] = eventCount;

            for (int m = start; m < end; m++) {
                long closed = from.closedAt[m];
                closedAt[size] = closed >= FIRST_STORED ? closed : copyClosures(from, (int) (closed - SIDE_TABLE));
                residenceStarts[size + 1] = from.residenceStarts[m + 1] + residenceShift;
                groupStarts[size + 1] = from.groupStarts[m + 1] + groupShift;
                consentEvents += from.ownConsentEvents(m);
                size++;
            }
        }

        /**
         * Room for exactly what a change copies and adds: {@code base}'s and {@code delta}'s own members
         * not marked in their {@code absent} bitmaps, and {@code upserts}, after what the builder holds.
         * Each array then grows once, and has no room left over when the change is done, so that
         * {@link #build} hands it to the store instead of copying it.
         */
        void reserve(@Nullable MemberStore base, long @Nullable [] baseAbsent, @Nullable MemberStore delta,
                long @Nullable [] deltaAbsent, List<Member> upserts) {
            unshare();
            Rows rows = new Rows(this);
            rows.addPresent(base, baseAbsent);
            rows.addPresent(delta, deltaAbsent);
            for (Member member : upserts) {
                rows.add(member);
            }
            if (rows.wideIds && !wideIds) {
                widenIds();
            }
            // Each array gets exactly its room, smaller than a fresh builder's first arrays when the
            // change is small. Past a limit, the copy or the add that passes it says so.
            int members = (int) Math.min(rows.members, MAX_MEMBERS);
            if (members != birthDates.length) {
                resizeMembers(members);
            }
            int idByteCount = limited((wideIds ? 2 : 1) * rows.idChars);
            if (idByteCount != idBytes.length) {
                idBytes = Arrays.copyOf(idBytes, idByteCount);
            }
            int residences = limited(rows.residences);
            if (residences != residenceFrom.length) {
                resizeResidences(residences);
            }
            int groups = limited(rows.groups + 1) - 1;
            if (groups != groupPurpose.length) {
                resizeGroups(groups);
            }
            int events = limited(rows.events);
            if (events != eventEffectiveAt.length) {
                resizeEvents(events);
            }
            int sideEntries = limited(rows.sideMembers + 1);
            if (sideEntries != closureStarts.length) {
                closureStarts = Arrays.copyOf(closureStarts, sideEntries);
            }
            int closures = limited(rows.closures);
            if (closures != closureFrom.length) {
                resizeClosures(closures);
            }
        }

        private static int limited(long entries) {
            return (int) Math.min(entries, MAX_ENTRIES);
        }

        /** What a builder will hold once a change is done: the sizes {@link #reserve} gives its arrays. */
        private static final class Rows {
            long members;
            long idChars;
            long residences;
            long groups;
            long events;
            long sideMembers;
            long closures;
            boolean wideIds;

            /** What {@code builder} holds already. */
            Rows(Builder builder) {
                members = builder.size;
                idChars = builder.idStarts[builder.size];
                residences = builder.residenceCount;
                groups = builder.groupCount;
                events = builder.eventCount;
                sideMembers = builder.sideMembers;
                closures = builder.closureCount;
                wideIds = builder.wideIds;
            }

            /** Counts {@code from}'s own members not marked in {@code absent}. */
            void addPresent(@Nullable MemberStore from, long @Nullable [] absent) {
                if (from == null) {
                    return;
                }
                int all = from.ownSize;
                members += all;
                idChars += from.idStart(all);
                residences += from.residenceFrom.length;
                groups += from.groupPurpose.length;
                events += from.eventCode.length;
                sideMembers += from.closureStarts.length - 1;
                closures += from.closureFrom.length;
                wideIds |= from.wideIds;
                for (int word = 0; absent != null && word < absent.length; word++) {
                    for (long bits = absent[word]; bits != 0; bits &= bits - 1) {
                        subtract(from, word << 6 | Long.numberOfTrailingZeros(bits));
                    }
                }
            }

            private void subtract(MemberStore from, int m) {
                members--;
                idChars -= from.idLength(m);
                residences -= from.residenceStarts[m + 1] - from.residenceStarts[m];
                int firstGroup = from.groupStarts[m];
                int endGroup = from.groupStarts[m + 1];
                groups -= endGroup - firstGroup;
                events -= from.groupEventStarts[endGroup] - from.groupEventStarts[firstGroup];
                long closed = from.closedAt[m];
                if (closed < FIRST_STORED) {
                    int side = (int) (closed - SIDE_TABLE);
                    sideMembers--;
                    closures -= from.closureStarts[side + 1] - from.closureStarts[side];
                }
            }

            /** Counts a member that {@link Builder#add(Member)} will add. */
            void add(Member member) {
                ConsentLookup.Index index = MEMBER_FACTS.consentIndex(member);
                String id = member.id();
                members++;
                idChars += id.length();
                wideIds = wideIds || hasWideChar(id);
                residences += member.jurisdictions().residences().size();
                int signals = index.gpcSignalCount();
                groups += index.groupCount() + (signals > 0 ? 1 : 0);
                events += member.consent().size() + signals;
                List<AccountClosure> memberClosures = member.closures();
                if (inSideTable(memberClosures)) {
                    sideMembers++;
                    closures += memberClosures.size();
                }
            }
        }

        /** Copies {@code from}'s closures of side-table entry {@code side} into this side table; returns the new entry's closure column value. */
        private long copyClosures(MemberStore from, int side) {
            int start = from.closureStarts[side];
            int count = from.closureStarts[side + 1] - start;
            ensureSideTable(count);
            System.arraycopy(from.closureFrom, start, closureFrom, closureCount, count);
            System.arraycopy(from.closureUntil, start, closureUntil, closureCount, count);
            closureCount += count;
            sideMembers++;
            closureStarts[sideMembers] = closureCount;
            return SIDE_TABLE + sideMembers - 1;
        }

        /** Room for {@code more} members, within the store's limit. */
        private void checkRoom(int more) {
            if (more > MAX_MEMBERS - size) {
                throw new IllegalArgumentException("a member store holds at most " + MAX_MEMBERS + " members");
            }
        }

        /** Starts the next member with its id. */
        private void addId(String id) {
            ensureMembers(size + 1);
            int length = id.length();
            if (!wideIds && hasWideChar(id)) {
                widenIds();
            }
            int start = idStarts[size];
            int end = Math.addExact(start, length);
            ensureIdChars(end);
            for (int i = 0; i < length; i++) {
                char c = id.charAt(i);
                if (wideIds) {
                    idBytes[(start + i) * 2] = (byte) (c >>> 8);
                    idBytes[(start + i) * 2 + 1] = (byte) c;
                } else {
                    idBytes[start + i] = (byte) c;
                }
            }
            idStarts[size + 1] = end;
        }

        /**
         * Appends the ids of {@code from}'s own members {@code start} to {@code end} (exclusive), byte
         * for byte when both keep ids the same way; needs room for the members.
         */
        private void copyIds(MemberStore from, int start, int end) {
            int first = from.idStart(start);
            int chars = from.idStart(end) - first;
            if (from.wideIds && !wideIds) {
                widenIds();
            }
            int at = idStarts[size];
            ensureIdChars(Math.addExact(at, chars));
            if (from.wideIds == wideIds) {
                int unit = wideIds ? 2 : 1;
                System.arraycopy(from.idChars, first * unit, idBytes, at * unit, chars * unit);
            } else {
                for (int i = 0; i < chars; i++) {
                    idBytes[(at + i) * 2] = 0;
                    idBytes[(at + i) * 2 + 1] = from.idChars[first + i];
                }
            }
            for (int m = start; m < end; m++) {
                idStarts[size + 1 + m - start] = from.idStart(m + 1) - first + at;
            }
        }

        /** Whether {@code id} has a char above 0xFF, which a store keeps in two bytes. */
        private static boolean hasWideChar(String id) {
            for (int i = 0; i < id.length(); i++) {
                if (id.charAt(i) > 0xFF) {
                    return true;
                }
            }
            return false;
        }

        /** Keeps every id's chars in two bytes from now on, as a store whose ids include a char above 0xFF does. */
        private void widenIds() {
            int chars = idStarts[size];
            byte[] wide = new byte[limitedIdBytes(2L * Math.max(chars, 8))];
            for (int i = 0; i < chars; i++) {
                wide[i * 2 + 1] = idBytes[i];
            }
            idBytes = wide;
            wideIds = true;
        }

        /** Room for ids of {@code chars} chars in all. */
        private void ensureIdChars(int chars) {
            int needed = limitedIdBytes((wideIds ? 2L : 1L) * chars);
            if (needed > idBytes.length) {
                idBytes = Arrays.copyOf(idBytes, grow(idBytes.length, needed));
            }
        }

        private static int limitedIdBytes(long bytes) {
            if (bytes > MAX_ENTRIES) {
                throw new IllegalArgumentException("a member store holds ids of at most " + MAX_ENTRIES + " bytes in all");
            }
            return (int) bytes;
        }

        private void ensureMembers(int needed) {
            if (needed > birthDates.length) {
                resizeMembers(grow(birthDates.length, needed));
            }
        }

        /** Gives the member columns room for {@code capacity} members, keeping what they hold. */
        private void resizeMembers(int capacity) {
            idStarts = Arrays.copyOf(idStarts, capacity + 1);
            birthDates = Arrays.copyOf(birthDates, capacity);
            closedAt = Arrays.copyOf(closedAt, capacity);
            residenceStarts = Arrays.copyOf(residenceStarts, capacity + 1);
            groupStarts = Arrays.copyOf(groupStarts, capacity + 1);
        }

        private void addToSideTable(List<AccountClosure> closures) {
            ensureSideTable(closures.size());
            for (AccountClosure closure : closures) {
                Instant reopened = closure.reopenedAt().orElse(null);
                closureFrom[closureCount] = KernelTime.nanos(closure.closedAt());
                closureUntil[closureCount] = reopened == null ? KernelTime.NEVER : KernelTime.nanos(reopened);
                closureCount++;
            }
            sideMembers++;
            closureStarts[sideMembers] = closureCount;
        }

        /** Room in the side table for one more member with {@code closures} closures. */
        private void ensureSideTable(int closures) {
            if (sideMembers + 2 > closureStarts.length) {
                closureStarts = Arrays.copyOf(closureStarts, grow(closureStarts.length, sideMembers + 2));
            }
            if (closureCount + closures > closureFrom.length) {
                resizeClosures(grow(closureFrom.length, closureCount + closures));
            }
        }

        private void resizeClosures(int capacity) {
            closureFrom = Arrays.copyOf(closureFrom, capacity);
            closureUntil = Arrays.copyOf(closureUntil, capacity);
        }

        private void ensureResidences(int needed) {
            if (needed > residenceFrom.length) {
                resizeResidences(grow(residenceFrom.length, needed));
            }
        }

        private void resizeResidences(int capacity) {
            residenceFrom = Arrays.copyOf(residenceFrom, capacity);
            residencePlace = Arrays.copyOf(residencePlace, capacity);
        }

        private void ensureGroups(int needed) {
            if (needed + 1 > groupEventStarts.length) {
                resizeGroups(grow(groupPurpose.length, needed));
            }
        }

        private void resizeGroups(int capacity) {
            groupPurpose = Arrays.copyOf(groupPurpose, capacity);
            groupEventStarts = Arrays.copyOf(groupEventStarts, capacity + 1);
        }

        private void ensureEvents(int needed) {
            if (needed > eventEffectiveAt.length) {
                resizeEvents(grow(eventEffectiveAt.length, needed));
            }
        }

        private void resizeEvents(int capacity) {
            eventEffectiveAt = Arrays.copyOf(eventEffectiveAt, capacity);
            eventRecordedAt = Arrays.copyOf(eventRecordedAt, capacity);
            eventCode = Arrays.copyOf(eventCode, capacity);
        }

        private static int grow(int current, int needed) {
            long capacity = Math.max((long) needed, current + (current >> 1) + 16L);
            if (capacity > MAX_ENTRIES) {
                throw new IllegalArgumentException("a member store holds at most " + MAX_ENTRIES + " entries");
            }
            return (int) capacity;
        }
    }
}
