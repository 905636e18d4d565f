import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleTest {
    @Test
    void example() {
        assertEquals(
                List.of("10", "failed: 2", "30"),
                ProgramCall.of("gather", 2.5, List.of(1, 2, 3), 2).texts());
    }
}
