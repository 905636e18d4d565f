import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleTest {
    @Test
    void example() {
        assertEquals(List.of("10", "failed: 2", "30"), Main.gather(List.of(1, 2, 3), 2));
    }
}
