/** Null-checked by NullAway: a reference here is never null unless it is marked {@code @Nullable}. */
@NullMarked
package dev.asyncgrader.delivery;

import org.jspecify.annotations.NullMarked;
