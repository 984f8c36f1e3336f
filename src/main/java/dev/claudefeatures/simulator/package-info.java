/**
 * An offline stand-in for the Anthropic Messages API, on its own HTTP port: the API's own route,
 * and on the same port Claude Platform on AWS and Amazon Bedrock's routes, signed with SigV4 and
 * checked with test credentials (docs/SIMULATOR.md lists them).
 *
 * <p>It runs when the application runs offline ({@code anthropic.offline}, on by default
 * in dev and test without an API key), as the client's {@link dev.claudefeatures.messages.StandInEndpoint}. It works on raw JSON, not on the client's records,
 * so that it judges what the client really sends; the official Anthropic Java SDK is pointed at
 * it in the tests to hold it to the real wire format. Production code never depends on it.
 */
package dev.claudefeatures.simulator;
