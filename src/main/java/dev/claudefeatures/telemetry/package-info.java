/**
 * One record per Messages API call, its cost, the usage log line, and metric sinks.
 *
 * <p>{@link dev.claudefeatures.telemetry.CallRecorder} builds every record; records of one
 * invocation are published together by {@link dev.claudefeatures.telemetry.InvocationFlush}
 * before the response leaves, because a Lambda environment may freeze right after.
 */
package dev.claudefeatures.telemetry;
