package dev.consentkit.jackson;

import com.fasterxml.jackson.databind.ObjectReader;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A Jackson reader made when a line first needs the databinding: building one looks into every form
 * of a document, which a stream whose lines all take the speed path ({@link ItemLines},
 * {@link MemberLines}) never needs. Thread-safe; made at most once.
 */
final class LazyReader implements Supplier<ObjectReader> {

    private final Supplier<ObjectReader> make;
    private volatile @Nullable ObjectReader reader;

    LazyReader(Supplier<ObjectReader> make) {
        this.make = make;
    }

    @Override
    public ObjectReader get() {
        ObjectReader made = reader;
        if (made == null) {
            synchronized (this) {
                made = reader;
                if (made == null) {
                    made = make.get();
                    reader = made;
                }
            }
        }
        return made;
    }
}
