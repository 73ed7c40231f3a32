package dev.consentkit.testkit;

import com.google.common.testing.NullPointerTester;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Shows that every public method of the test kit rejects a null argument with a NullPointerException. */
class NullHandlingTest {

    @Test
    void shouldRejectNullArgumentsOfStaticMethods() {
        new NullPointerTester()
                .setDefault(Path.class, Fixtures.linkedInSuite())
                .setDefault(String.class, Fixtures.linkedInSuite().toString())
                .testAllPublicStaticMethods(PolicySuiteTests.class);
    }
}
