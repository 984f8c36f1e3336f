/**
 * The spend brake: a small function of its own (target/brake.zip, plain java21 runtime) that the
 * spend alarm triggers through EventBridge. It depends on nothing else of this project.
 */
package dev.claudefeatures.brake;
