/** Null-checked by NullAway: a reference here is never null unless it is marked {@code @Nullable}. */
@NullMarked
package dev.asyncgrader.gradescope;

import org.jspecify.annotations.NullMarked;
