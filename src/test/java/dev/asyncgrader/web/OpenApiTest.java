package dev.asyncgrader.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asyncgrader.config.GraderConfig;
import dev.asyncgrader.exercise.ExerciseCatalog;
import dev.asyncgrader.grading.TestGraders;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI file served by the server and the server's real routes describe the same API. */
class OpenApiTest {
    @TempDir
    Path data;

    @Test
    void everyRouteIsDocumented_andEveryDocumentedRouteExists() throws Exception {
        ExerciseCatalog catalog = ExerciseCatalog.load(Path.of("src/test/resources/test-exercises"));
        try (GraderServer server = new GraderServer(
                        GraderConfig.DEFAULTS, catalog, TestGraders.sandboxed(), "test", data, 1, "k", null)
                .start(0)) {
            JsonNode spec = new ApiClient(server.port(), null)
                    .get("/api/v1/openapi.json")
                    .json();
            assertEquals("3.0.3", spec.get("openapi").asText());
            Set<String> documented = new TreeSet<>();
            spec.get("paths")
                    .properties()
                    .forEach(path -> path.getValue()
                            .properties()
                            .forEach(method ->
                                    documented.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
            assertEquals(new TreeSet<>(server.routes()), documented);
        }
    }
}
