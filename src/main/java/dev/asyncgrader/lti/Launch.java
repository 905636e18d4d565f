package dev.asyncgrader.lti;

import dev.asyncgrader.config.GraderConfig.LtiPlatform;
import dev.asyncgrader.config.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * A verified launch: who came from which platform, in which role, for what.
 *
 * @param sub the person's id at the platform (stable, opaque)
 * @param instructor whether the person is an Instructor or TeachingAssistant of the course
 * @param exerciseId the resource link's custom parameter {@code exercise}, or null when it has none
 * @param messageType {@code LtiResourceLinkRequest} or {@code LtiDeepLinkingRequest}
 * @param lineitem the AGS line item of the link, or null (then one is found or made in {@code lineitems})
 * @param lineitems the AGS line items of the course, or null when the platform offers no grade passback
 * @param deepLinkReturnUrl for a deep linking request, where the chosen content goes back; else null
 * @param deepLinkData for a deep linking request, the platform's opaque {@code data} to echo; else null
 */
record Launch(
        LtiPlatform platform,
        String sub,
        @Nullable String name,
        @Nullable String email,
        boolean instructor,
        @Nullable String exerciseId,
        String messageType,
        @Nullable String resourceLinkId,
        @Nullable String lineitem,
        @Nullable String lineitems,
        String deploymentId,
        @Nullable String deepLinkReturnUrl,
        @Nullable String deepLinkData) {

    /**
     * The person's id in the grader: stable for (issuer, sub), readable when the platform's sub is a plain
     * token, and never two people for one id (the platform's short name keeps platforms apart).
     */
    boolean deepLinking() {
        return "LtiDeepLinkingRequest".equals(messageType);
    }

    String subject() {
        if (sub.matches("[A-Za-z0-9._-]{1,120}")) {
            return sub + "@" + platform.name();
        }
        return Sha256.hex(platform.issuer() + "\n" + sub).substring(0, 32) + "@" + platform.name();
    }
}
