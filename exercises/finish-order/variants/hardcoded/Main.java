import java.util.Arrays;
import java.util.Comparator;

// Mistake: prints the lines in the expected order without waiting at all.
public class Main {
    public static void main(String[] args) {
        String[][] tasks = Arrays.stream(args).map(a -> a.split(":", 2)).toArray(String[][]::new);
        for (String[] t : tasks) {
            System.out.println(t[0] + " started");
        }
        Arrays.sort(tasks, Comparator.comparingDouble(t -> Double.parseDouble(t[1])));
        for (String[] t : tasks) {
            System.out.println(t[0] + " finished after " + t[1] + "s");
        }
    }
}
