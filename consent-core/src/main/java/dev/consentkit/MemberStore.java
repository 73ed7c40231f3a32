package dev.consentkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Millions of members' training-relevant facts in a few primitive arrays, looked up by member id:
 * what {@link BatchEvaluator} needs to decide for many items at once.
 *
 * <p>Per member the store keeps the id, the birth date, the account closure, the jurisdiction
 * timeline and, per consent event, its purpose, choice, {@code effectiveAt} and {@code recordedAt}.
 * It does not keep event ids or channels, so it answers whether an item is trainable but cannot cite
 * the event that decided: for explained decisions, evaluate the {@link Member} itself with
 * {@link TrainingPolicy#evaluate}. {@link #footprintBytes()} reports what the arrays take; with ids
 * of ten ASCII characters a member costs about 48 bytes (4 more when ids differ in length) and a
 * consent event 20.
 *
 * <p>Members get indexes in the order they are added, from 0: columnar callers ({@link ItemColumns})
 * refer to authors by index. Ids take one byte per character while every id is Latin-1, and two for
 * every id once one is not. A store holds at most 2<sup>29</sup> members.
 *
 * <p>Instants are kept as {@code long} nanoseconds, so consent events, moves and closures must lie
 * between 1677-09-21T00:12:44Z and 2262-04-11T23:47:15Z (a residence may still start "as far back
 * as we know"). Immutable and safe to share between threads; {@link #indexOf} allocates nothing.
 */
public final class MemberStore {

    private static final int UNKNOWN_BIRTH = Integer.MIN_VALUE;
    // The hash table has twice as many slots as members, in a power of two that an int can count.
    private static final int MAX_MEMBERS = 1 << 29;

    private final int size;
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
    private final int[] birthDates;
    private final long[] closedAt;
    private final int[] residenceStarts;
    private final long[] residenceFrom;
    private final short[] residencePlace;
    private final int[] eventStarts;
    private final long[] eventEffectiveAt;
    private final long[] eventRecordedAt;
    // Purpose index << 1 | 1 for an opt-out.
    private final int[] eventCode;
    private final Jurisdiction[] places;
    private final Purpose[] purposes;

    private MemberStore(Builder b) {
        this.size = b.size;
        this.wideIds = b.wideIds;
        int uniformLength = size == 0 ? 0 : b.ids[0].length();
        for (int m = 1; m < size && uniformLength >= 0; m++) {
            if (b.ids[m].length() != uniformLength) {
                uniformLength = -1;
            }
        }
        this.idLength = uniformLength;
        this.idStarts = uniformLength >= 0 ? null : Arrays.copyOf(b.idStarts, size + 1);
        this.idChars = idBytes(b);
        this.birthDates = Arrays.copyOf(b.birthDates, size);
        this.closedAt = Arrays.copyOf(b.closedAt, size);
        this.residenceStarts = Arrays.copyOf(b.residenceStarts, size + 1);
        this.residenceFrom = Arrays.copyOf(b.residenceFrom, b.residenceCount);
        this.residencePlace = Arrays.copyOf(b.residencePlace, b.residenceCount);
        this.eventStarts = Arrays.copyOf(b.eventStarts, size + 1);
        this.eventEffectiveAt = Arrays.copyOf(b.eventEffectiveAt, b.eventCount);
        this.eventRecordedAt = Arrays.copyOf(b.eventRecordedAt, b.eventCount);
        this.eventCode = Arrays.copyOf(b.eventCode, b.eventCount);
        this.places = b.places.keySet().toArray(new Jurisdiction[0]);
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
        for (int m = 0; m < size; m++) {
            int hash = hash(b.ids[m]);
            if (indexOf(b.ids[m], hash, slots[firstSlot(hash)]) >= 0) {
                throw new IllegalArgumentException("member " + b.ids[m] + " is added to the store twice");
            }
            int slot = firstSlot(hash);
            while (slots[slot] != 0) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = (hash & ~indexMask) | (m + 1);
        }
    }

    private static byte[] idBytes(Builder b) {
        int chars = b.idStarts[b.size];
        byte[] bytes = new byte[b.wideIds ? chars * 2 : chars];
        for (int m = 0; m < b.size; m++) {
            String id = b.ids[m];
            int start = b.idStarts[m];
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (b.wideIds) {
                    bytes[(start + i) * 2] = (byte) (c >>> 8);
                    bytes[(start + i) * 2 + 1] = (byte) c;
                } else {
                    bytes[start + i] = (byte) c;
                }
            }
        }
        return bytes;
    }

    /** Starts an empty store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A store of these members.
     *
     * @throws NullPointerException if the collection or a member is null
     * @throws IllegalArgumentException if two members share an id, or an instant is outside the span
     *     the store holds; the message shows the value
     */
    public static MemberStore of(Iterable<Member> members) {
        Builder builder = builder();
        for (Member member : Objects.requireNonNull(members, "members")) {
            builder.add(member);
        }
        return builder.build();
    }

    /** The number of members. */
    public int size() {
        return size;
    }

    /** The number of consent events of all members together. */
    public int consentEventCount() {
        return eventEffectiveAt.length;
    }

    /**
     * The index of the member with this id, from 0 to {@code size() - 1}, or -1 when the store has no
     * such member. Columnar callers ({@link ItemColumns}) refer to members by this index.
     */
    public int indexOf(String memberId) {
        Objects.requireNonNull(memberId, "memberId");
        int hash = hash(memberId);
        return indexOf(memberId, hash, slots[firstSlot(hash)]);
    }

    /** Whether the store has a member with this id. */
    public boolean contains(String memberId) {
        return indexOf(memberId) >= 0;
    }

    /**
     * The id of the member at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not a member index
     */
    public String memberId(int index) {
        Objects.checkIndex(index, size);
        int start = idStart(index);
        int length = idLength(index);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = charAt(start + i);
        }
        return new String(chars);
    }

    /**
     * The bytes the store's arrays take on the heap (array headers included, object overhead of the
     * store itself and its small tables excluded): what {@code size()} members cost.
     */
    public long footprintBytes() {
        int[] starts = idStarts;
        return arrayBytes(idChars.length, 1) + (starts == null ? 0 : arrayBytes(starts.length, 4))
                + arrayBytes(slots.length, 4)
                + arrayBytes(birthDates.length, 4) + arrayBytes(closedAt.length, 8)
                + arrayBytes(residenceStarts.length, 4) + arrayBytes(residenceFrom.length, 8)
                + arrayBytes(residencePlace.length, 2) + arrayBytes(eventStarts.length, 4)
                + arrayBytes(eventEffectiveAt.length, 8) + arrayBytes(eventRecordedAt.length, 8)
                + arrayBytes(eventCode.length, 4);
    }

    private static long arrayBytes(int length, int elementBytes) {
        return (16 + (long) length * elementBytes + 7) & ~7L;
    }

    // Accessors for BatchEvaluator; indexes are trusted there.

    int birthDate(int member) {
        return birthDates[member];
    }

    static boolean isBirthDateKnown(int packed) {
        return packed != UNKNOWN_BIRTH;
    }

    /** The UTC day, counted from 1970-01-01, on which a member born on {@code packed} turns {@code years}. */
    static long anniversaryEpochDay(int packed, int years) {
        return CalendarDays.anniversaryEpochDay(packed >> 9, (packed >>> 5) & 15, packed & 31, years);
    }

    long closedAt(int member) {
        return closedAt[member];
    }

    /** The store's index of the member's jurisdiction at {@code asOf} (nanoseconds), or -1 when unknown. */
    int placeAt(int member, long asOf) {
        int found = -1;
        for (int r = residenceStarts[member], end = residenceStarts[member + 1]; r < end && residenceFrom[r] <= asOf; r++) {
            found = r;
        }
        return found < 0 ? -1 : residencePlace[found];
    }

    /**
     * The event code of the member's latest choice in effect at {@code asOf} among events whose
     * purpose index is marked in {@code covering} and that were recorded at or before
     * {@code knownAt}, or -1 when there is none.
     */
    int choiceAt(int member, long asOf, long knownAt, boolean[] covering) {
        int low = eventStarts[member];
        int high = eventStarts[member + 1] - 1;
        int last = low - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (eventEffectiveAt[mid] <= asOf) {
                last = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        for (int e = last, first = eventStarts[member]; e >= first; e--) {
            int code = eventCode[e];
            if (covering[code >>> 1] && eventRecordedAt[e] <= knownAt) {
                return code;
            }
        }
        return -1;
    }

    Jurisdiction[] places() {
        return places.clone();
    }

    Purpose[] purposes() {
        return purposes.clone();
    }

    // The lookup in steps, for BatchEvaluator to overlap the memory reads of many lookups: hash, then
    // firstEntry, candidate and mayHoldId, then idEquals or, when the candidate fails, indexOf(id, hash, entry).

    /** The id's hash, mixed so that both its low bits (the slot) and its top bits (kept in it) vary. */
    static int hash(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }

    /** The entry of the first slot that {@code hash} probes. */
    int firstEntry(int hash) {
        return slots[firstSlot(hash)];
    }

    /**
     * The member the entry of the first slot probably holds, or -1 when the slot is empty or holds
     * another hash: a member whose id may then be read ahead of {@link #indexOf(String, int, int)}.
     */
    int candidate(int entry, int hash) {
        return entry == 0 || ((entry ^ hash) & ~indexMask) != 0 ? -1 : (entry & indexMask) - 1;
    }

    /**
     * Whether the member's id has the length and first character of {@code id}: a first read of the
     * id, which {@link #idEquals} completes.
     */
    boolean mayHoldId(int member, String id) {
        int length = idLength(member);
        return length == id.length() && (length == 0 || charAt(idStart(member)) == id.charAt(0));
    }

    /** {@link #indexOf(String)}, given the id's {@link #hash} and the {@link #firstEntry} it probes. */
    int indexOf(String id, int hash, int entry) {
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

    boolean idEquals(int member, String id) {
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
        return wideIds
                ? (char) (((idChars[position * 2] & 0xFF) << 8) | (idChars[position * 2 + 1] & 0xFF))
                : (char) (idChars[position] & 0xFF);
    }

    /** A summary, such as {@code MemberStore[1000000 members, 1500000 consent events, 75.3 MB]}. */
    @Override
    public String toString() {
        return "MemberStore[" + size + " members, " + consentEventCount() + " consent events, "
                + String.format(Locale.ROOT, "%.1f MB", footprintBytes() / 1e6) + "]";
    }

    /**
     * Collects members into growing primitive arrays, without keeping the {@link Member} objects, so
     * a store of millions can be built from a stream. Not thread-safe.
     */
    public static final class Builder {

        private int size;
        private boolean wideIds;
        private String[] ids = new String[16];
        private int[] idStarts = new int[17];
        private int[] birthDates = new int[16];
        private long[] closedAt = new long[16];
        private int[] residenceStarts = new int[17];
        private int residenceCount;
        private long[] residenceFrom = new long[16];
        private short[] residencePlace = new short[16];
        private int[] eventStarts = new int[17];
        private int eventCount;
        private long[] eventEffectiveAt = new long[16];
        private long[] eventRecordedAt = new long[16];
        private int[] eventCode = new int[16];
        private final Map<Jurisdiction, Integer> places = new HashMap<>();
        private final Map<Purpose, Integer> purposes = new HashMap<>();

        private Builder() {}

        /**
         * Adds a member.
         *
         * @throws NullPointerException if {@code member} is null
         * @throws IllegalArgumentException if an instant of the member is outside the span the store
         *     holds, or the birth date is beyond year 1,000,000 either way; the message shows it
         */
        public Builder add(Member member) {
            Objects.requireNonNull(member, "member");
            String id = member.id();
            long closed = member.closedAtOrNull() == null ? EpochNanos.NEVER
                    : EpochNanos.exact(member.closedAtOrNull(), "account closure of member " + id);
            int birth = packBirthDate(member);
            List<Residence> residences = member.jurisdictions().residences();
            List<ConsentEvent> events = member.consent().events();
            // Convert everything first, so a bad member leaves the builder unchanged.
            long[] from = new long[residences.size()];
            for (int i = 0; i < from.length; i++) {
                Instant start = residences.get(i).from();
                from[i] = start.equals(Instant.MIN) ? EpochNanos.ALWAYS
                        : EpochNanos.exact(start, "residence start of member " + id);
            }
            long[] effective = new long[events.size()];
            long[] recorded = new long[events.size()];
            for (int i = 0; i < effective.length; i++) {
                ConsentEvent event = events.get(i);
                effective[i] = EpochNanos.exact(event.effectiveAt(), "effectiveAt of consent event " + event.id());
                recorded[i] = EpochNanos.exact(event.recordedAt(), "recordedAt of consent event " + event.id());
            }

            if (size == MAX_MEMBERS) {
                throw new IllegalArgumentException("a member store holds at most " + MAX_MEMBERS + " members");
            }
            ensureMembers(size + 1);
            ids[size] = id;
            idStarts[size + 1] = Math.addExact(idStarts[size], id.length());
            for (int i = 0; i < id.length() && !wideIds; i++) {
                wideIds = id.charAt(i) > 0xFF;
            }
            birthDates[size] = birth;
            closedAt[size] = closed;
            ensureResidences(residenceCount + from.length);
            for (int i = 0; i < from.length; i++) {
                residenceFrom[residenceCount] = from[i];
                residencePlace[residenceCount] = (short) indexOf(places, residences.get(i).jurisdiction(), Short.MAX_VALUE);
                residenceCount++;
            }
            residenceStarts[size + 1] = residenceCount;
            ensureEvents(eventCount + effective.length);
            for (int i = 0; i < effective.length; i++) {
                ConsentEvent event = events.get(i);
                eventEffectiveAt[eventCount] = effective[i];
                eventRecordedAt[eventCount] = recorded[i];
                eventCode[eventCount] = indexOf(purposes, event.purpose(), Integer.MAX_VALUE >>> 1) << 1
                        | (event.isOptOut() ? 1 : 0);
                eventCount++;
            }
            eventStarts[size + 1] = eventCount;
            size++;
            return this;
        }

        /**
         * Builds the store. Member ids are checked for uniqueness here, not in {@link #add}: a builder
         * holding a duplicate cannot build, so start a new one without it.
         *
         * @throws IllegalArgumentException if two members share an id; the message shows it
         */
        public MemberStore build() {
            return new MemberStore(this);
        }

        private static int packBirthDate(Member member) {
            LocalDate birth = member.birthDateOrNull();
            if (birth == null) {
                return UNKNOWN_BIRTH;
            }
            if (Math.abs(birth.getYear()) > 1_000_000) {
                throw new IllegalArgumentException("birth date " + birth + " of member " + member.id()
                        + " is beyond year 1,000,000");
            }
            return birth.getYear() * 512 + birth.getMonthValue() * 32 + birth.getDayOfMonth();
        }

        private static <T> int indexOf(Map<T, Integer> table, T value, int limit) {
            Integer known = table.get(value);
            if (known != null) {
                return known;
            }
            if (table.size() >= limit) {
                throw new IllegalArgumentException("a member store holds at most " + limit + " distinct values of "
                        + value.getClass().getSimpleName());
            }
            table.put(value, table.size());
            return table.size() - 1;
        }

        private void ensureMembers(int needed) {
            if (needed > ids.length) {
                int capacity = grow(ids.length, needed);
                ids = Arrays.copyOf(ids, capacity);
                idStarts = Arrays.copyOf(idStarts, capacity + 1);
                birthDates = Arrays.copyOf(birthDates, capacity);
                closedAt = Arrays.copyOf(closedAt, capacity);
                residenceStarts = Arrays.copyOf(residenceStarts, capacity + 1);
                eventStarts = Arrays.copyOf(eventStarts, capacity + 1);
            }
        }

        private void ensureResidences(int needed) {
            if (needed > residenceFrom.length) {
                int capacity = grow(residenceFrom.length, needed);
                residenceFrom = Arrays.copyOf(residenceFrom, capacity);
                residencePlace = Arrays.copyOf(residencePlace, capacity);
            }
        }

        private void ensureEvents(int needed) {
            if (needed > eventEffectiveAt.length) {
                int capacity = grow(eventEffectiveAt.length, needed);
                eventEffectiveAt = Arrays.copyOf(eventEffectiveAt, capacity);
                eventRecordedAt = Arrays.copyOf(eventRecordedAt, capacity);
                eventCode = Arrays.copyOf(eventCode, capacity);
            }
        }

        private static int grow(int current, int needed) {
            long capacity = Math.max((long) needed, current + (current >> 1) + 16L);
            if (capacity > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a member store holds at most " + (Integer.MAX_VALUE - 8) + " entries");
            }
            return (int) capacity;
        }
    }
}
