/** A program that uses ConsentKit as a library would: on the module path, by module name only. */
module example.consumer {
    requires dev.consentkit.core;
    requires dev.consentkit.jackson;
    requires dev.consentkit.suite;
}
