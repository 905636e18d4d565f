/**
 * A Jobe-compatible REST API, so that Moodle CodeRunner can use the grader as its Jobe sandbox server: languages,
 * synchronous runs, and uploaded files, compiled and run by the same compiler and sandbox as grading.
 */
package dev.asyncgrader.jobe;
