package dev.claudefeatures.telemetry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.messages.Tool;

/**
 * A short fingerprint of a request's stable prefix, its system prompt and its tools: the same for
 * every call of one prompt version, different the moment either changes, so that Logs Insights
 * can group cost and cache reads by prompt version.
 */
final class PromptVersion {

    /** 12 hex digits: 48 bits, far more than the prompt versions a feature will ever have. */
    static final int LENGTH = 12;

    private PromptVersion() {
    }

    static String of(MessageRequest request) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (request.system() instanceof SystemPrompt.Plain plain) {
            update(sha256, plain.text());
        } else if (request.system() instanceof SystemPrompt.Blocks blocks) {
            blocks.blocks().forEach(block -> update(sha256, block.text()));
        }
        if (request.tools() != null) {
            for (Tool tool : request.tools()) {
                update(sha256, tool.name());
                update(sha256, tool.description());
                update(sha256, tool.inputSchema() == null ? null : tool.inputSchema().toString());
            }
        }
        return HexFormat.of().formatHex(sha256.digest()).substring(0, LENGTH);
    }

    private static void update(MessageDigest digest, String part) {
        // Each part with its length, so that moving text between parts changes the fingerprint.
        byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
