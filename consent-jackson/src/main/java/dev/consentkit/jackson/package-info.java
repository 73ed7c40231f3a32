/**
 * ConsentKit documents as JSON: policies, members with their consent histories, content items and
 * decisions, read strictly and written in one stable form.
 *
 * <p>{@link dev.consentkit.jackson.ConsentDocuments} reads and writes single documents, each carrying
 * its {@code format} ({@code consentkit.policy/v1}, {@code consentkit.member/v1},
 * {@code consentkit.item/v1}, {@code consentkit.decision/v1}).
 * {@link dev.consentkit.jackson.NdjsonReader} and {@link dev.consentkit.jackson.NdjsonWriter} stream
 * members, items and decisions as newline-delimited JSON, reporting a bad line with its number and
 * going on with the next. {@link dev.consentkit.jackson.ConsentModule} gives a Jackson
 * {@code ObjectMapper} the same forms, Jackson binding every document through its own databinding.
 * {@link dev.consentkit.jackson.ConsentDocuments#readEmbedding(java.nio.file.Path, Class)} reads a JSON
 * document of a format of your own as strictly, with the ConsentKit documents embedded in it, as the
 * policy suites do; {@link dev.consentkit.jackson.Located} and {@link dev.consentkit.jackson.UnknownFields}
 * let its records report problems at their fields. Every problem with a document is a
 * {@link dev.consentkit.jackson.ConsentDocumentException} naming the field path, the bad value, the
 * line and column and what was expected. {@link dev.consentkit.jackson.ReadOptions} holds what a
 * reader tolerates: how long before it takes effect a consent event may be recorded, as clocks of
 * different services drift (five seconds unless set).
 *
 * <p>A JSON Schema (draft 2020-12) for each document ships in this module, at the resource paths
 * {@code dev/consentkit/jackson/schema/policy-v1.schema.json}, {@code member-v1.schema.json},
 * {@code item-v1.schema.json} and {@code decision-v1.schema.json} (the package is open, so
 * {@code ClassLoader.getResource} finds them on the module path too). A stream line is described by
 * the schema of its document, with {@code format} optional.
 */
@NullMarked
package dev.consentkit.jackson;

import org.jspecify.annotations.NullMarked;
