/**
 * Commands for people, not part of any function (nothing else in the project depends on them,
 * {@code HouseRulesTest}): {@code evaluate}, a feature's exact request run on several catalog models
 * over a team's own samples, at batch prices, and compared; and {@code cache-advice}, the cache TTL
 * that would have cost least on a feature's real traffic, replayed from its usage lines.
 */
package dev.claudefeatures.evaluate;
