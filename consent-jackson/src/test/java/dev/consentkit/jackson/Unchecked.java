package dev.consentkit.jackson;

import java.util.concurrent.Callable;

/** Lets property checks, which cannot throw checked exceptions, call reading and writing methods. */
final class Unchecked {

    private Unchecked() {}

    static <T> T get(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
