/**
 * The {@code evaluate} command: a feature's exact request run on several catalog models over a
 * team's own samples, at batch prices, and compared. A tool for people, not part of any function:
 * nothing else in the project depends on it.
 */
package dev.claudefeatures.evaluate;
