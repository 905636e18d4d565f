package dev.asyncgrader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallKernelCommandTest {
    @TempDir
    Path prefix;

    @Test
    void prefixInstallWritesAKernelspecThatRunsThisGraderAsAKernel() throws Exception {
        assertEquals(0, GraderCli.commandLine().execute("install-kernel", "--prefix", prefix.toString()));
        JsonNode spec = new ObjectMapper()
                .readTree(prefix.resolve("share/jupyter/kernels/async-grader/kernel.json")
                        .toFile());
        assertEquals("Java (async-grader)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText());
        List<String> argv = new java.util.ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        assertTrue(Path.of(argv.getFirst()).isAbsolute() && argv.getFirst().endsWith("/bin/java"), argv::toString);
        assertEquals(List.of("kernel", "{connection_file}"), argv.subList(argv.size() - 2, argv.size()));
    }

    @Test
    void userAndPrefixCannotBeGivenTogether() {
        assertEquals(2, GraderCli.commandLine().execute("install-kernel", "--user", "--prefix", prefix.toString()));
    }
}
