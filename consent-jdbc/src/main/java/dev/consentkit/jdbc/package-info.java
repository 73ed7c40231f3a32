@NullMarked
package dev.consentkit.jdbc;

import org.jspecify.annotations.NullMarked;
