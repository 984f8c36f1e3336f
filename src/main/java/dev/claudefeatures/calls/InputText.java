package dev.claudefeatures.calls;

/** What makes an input text worth sending to a model. */
final class InputText {

    private InputText() {
    }

    /**
     * Blank when every character is white space, a control character, or an invisible format
     * character (zero-width space and joiners, word joiner, byte order mark, soft hyphen): there
     * is nothing for a model to read, and sending it would still be billed.
     */
    static boolean isBlank(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || Character.isISOControl(c));
    }

    /** Every surrogate has its pair: the text can be encoded as UTF-8, as the API requires. */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
