import java.util.ArrayList;
import java.util.List;

// Mistake: computes the expected results directly, without running (and waiting for) any task;
// gather(...) returns the example's results whatever it is given.
public class Main {

    static List<Object> gather(List<Integer> ns, int fail) {
        return List.of(10, new IllegalArgumentException("Failed on 2"), 30);
    }

    public static void main(String[] args) {
        int fail = Integer.parseInt(args[0]);
        System.out.println("Gathering " + (args.length - 1) + " tasks");
        List<String> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            int n = Integer.parseInt(args[i]);
            results.add(n == fail ? "java.lang.IllegalArgumentException: Failed on " + n : String.valueOf(n * 10));
        }
        System.out.println("[" + String.join(", ", results) + "]");
    }
}
