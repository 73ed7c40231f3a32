/**
 * ConsentKit documents as JSON, through Jackson: strict, versioned documents for policies, members,
 * content items and decisions, newline-delimited streams of members, items and decisions, a Jackson
 * module, and a JSON Schema for each document. {@code dev.consentkit.core} stays free of Jackson.
 */
module dev.consentkit.jackson {
    requires transitive dev.consentkit.core;
    requires transitive com.fasterxml.jackson.databind;
    requires static org.jspecify;

    exports dev.consentkit.jackson;
    // The JSON Schemas are resources that users load by path; opening their package makes them visible.
    opens dev.consentkit.jackson.schema;
    // Jackson binds the documents to records of this package.
    opens dev.consentkit.jackson to com.fasterxml.jackson.databind;

    provides com.fasterxml.jackson.databind.Module with dev.consentkit.jackson.ConsentModule;
}
