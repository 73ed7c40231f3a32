/**
 * The rule kernel of ConsentKit and the one place where instants become numbers. Not API: the
 * module does not export this package, and its public types are public only so that the other
 * packages of {@code dev.consentkit.core} can call them. They may change in any release.
 *
 * <p>{@link dev.consentkit.internal.RuleKernel} states every eligibility rule once, in a member half
 * and an item half; {@link dev.consentkit.internal.KernelTime} converts instants and time units;
 * {@link dev.consentkit.internal.VersionRules} is a policy version compiled for the kernel;
 * {@link dev.consentkit.internal.ConsentLookup} finds the choice in effect.
 */
@NullMarked
package dev.consentkit.internal;

import org.jspecify.annotations.NullMarked;
