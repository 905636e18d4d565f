import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

// Mistake: prints the lines in the expected order without waiting at all.
public class Main {

    static void runAll(List<String> arguments) {
        String[][] tasks = arguments.stream().map(a -> a.split(":", 2)).toArray(String[][]::new);
        for (String[] t : tasks) {
            System.out.println(t[0] + " started");
        }
        Arrays.sort(tasks, Comparator.comparingDouble(t -> Double.parseDouble(t[1])));
        for (String[] t : tasks) {
            System.out.println(t[0] + " finished after " + t[1] + "s");
        }
    }

    public static void main(String[] args) {
        runAll(List.of(args));
    }
}
