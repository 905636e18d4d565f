package dev.asyncgrader.lti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.config.GraderConfig.LtiPlatform;
import dev.asyncgrader.delivery.DeliverySender;
import dev.asyncgrader.delivery.SendOutcome;
import dev.asyncgrader.feedback.Messages;
import dev.asyncgrader.grading.GradeResult;
import dev.asyncgrader.store.DeliveryRepository.NewDelivery;
import dev.asyncgrader.store.LtiRepository;
import dev.asyncgrader.store.LtiRepository.LtiContext;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Grade passback: after a launched learner's submission is graded, the score owed to their LMS (the best so
 * far, by default) as an outbox entry; and sending such an entry by AGS. The entry is complete when stored,
 * timestamp included, so a repeat after a restart is the same score, which the platform drops as not newer.
 */
public final class ScorePassback implements DeliverySender {
    /** The kind of outbox entry an LTI score is. */
    public static final String KIND = "lti-score";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<LtiPlatform> platforms;
    private final GraderConfig.ScoreCounts counts;
    private final LtiRepository store;
    private final AgsClient ags;
    private final AtomicReference<Instant> lastTimestamp = new AtomicReference<>(Instant.EPOCH);

    ScorePassback(List<LtiPlatform> platforms, GraderConfig.ScoreCounts counts, LtiRepository store, AgsClient ags) {
        this.platforms = List.copyOf(platforms);
        this.counts = counts;
        this.store = store;
        this.ags = ags;
    }

    /**
     * The score owed to {@code result.student()}'s LMS for this grading, or empty when that person did not
     * launch this exercise from a platform offering grade passback.
     */
    public Optional<NewDelivery> owed(GradeResult result, String exerciseTitle) throws SQLException {
        Optional<LtiContext> context = store.context(result.student(), result.exercise());
        if (context.isEmpty()
                || (context.get().lineitem() == null && context.get().lineitems() == null)) {
            return Optional.empty();
        }
        LtiContext c = context.get();
        boolean best = counts == GraderConfig.ScoreCounts.BEST;
        double given =
                best ? Math.max(store.bestScore(result.student(), result.exercise()), result.score()) : result.score();
        ObjectNode p = JSON.createObjectNode()
                .put("platform", c.platform())
                .put("lineitem", c.lineitem())
                .put("lineitems", c.lineitems())
                .put("resourceLinkId", c.resourceLinkId())
                .put("label", exerciseTitle);
        p.putObject("score")
                .put("userId", c.sub())
                .put("scoreGiven", given)
                .put("scoreMaximum", result.maxScore())
                .put(
                        "comment",
                        Messages.lmsScoreComment(
                                given,
                                best,
                                result.maxScore(),
                                // The LMS shows this comment to the student: the student text, never a hidden input.
                                result.studentFeedback().isEmpty()
                                        ? null
                                        : result.studentFeedback().getFirst()))
                .put("timestamp", nextTimestamp().toString())
                .put("activityProgress", "Completed")
                .put("gradingProgress", "FullyGraded");
        return Optional.of(new NewDelivery(KIND, p.toString()));
    }

    /** Now, or a millisecond after the last timestamp given: platforms drop a score that is not newer. */
    private Instant nextTimestamp() {
        return lastTimestamp.updateAndGet(last -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            return now.isAfter(last) ? now : last.plusMillis(1);
        });
    }

    @Override
    public SendOutcome send(String submissionId, String payload) throws InterruptedException {
        JsonNode p;
        try {
            p = JSON.readTree(payload);
        } catch (IOException e) {
            return new SendOutcome.GiveUp("the stored score is unreadable: " + e.getMessage());
        }
        Optional<LtiPlatform> platform = platforms.stream()
                .filter(x -> x.name().equals(p.path("platform").asText()))
                .findFirst();
        if (platform.isEmpty()) {
            return new SendOutcome.GiveUp(
                    "the platform '" + p.path("platform").asText() + "' is no longer in the lti settings");
        }
        try {
            String lineitem = p.path("lineitem").asText(null);
            JsonNode score = p.get("score");
            if (lineitem == null) {
                lineitem = ags.lineItem(
                        platform.get(),
                        p.get("lineitems").asText(),
                        p.path("resourceLinkId").asText("async-grader"),
                        score.get("scoreMaximum").asDouble(),
                        p.path("label").asText("async-grader"));
            }
            ags.postScore(platform.get(), lineitem, score.toString());
            return new SendOutcome.Delivered();
        } catch (AgsClient.AgsException e) {
            if (e.status == 401) {
                ags.forget(platform.get());
            }
            return e.transientFailure()
                    ? new SendOutcome.Retry(Objects.requireNonNullElse(e.getMessage(), e.toString()))
                    : new SendOutcome.GiveUp(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }
}
