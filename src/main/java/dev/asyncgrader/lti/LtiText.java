package dev.asyncgrader.lti;

/** Small text helpers of the LTI layer. */
final class LtiText {
    private LtiText() {}

    /** {@code text} safe inside HTML element content and attribute values. */
    static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
