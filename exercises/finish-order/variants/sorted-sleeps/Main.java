import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

// Mistake: fakes concurrency by sorting the tasks and sleeping each one's full time in turn,
// so the waits add up (B after 1 s, C after 1+2 s, A after 1+2+3 s).
public class Main {

    static void runAll(List<String> arguments) {
        String[][] tasks = arguments.stream().map(a -> a.split(":", 2)).toArray(String[][]::new);
        for (String[] t : tasks) {
            System.out.println(t[0] + " started");
        }
        Arrays.sort(tasks, Comparator.comparingDouble(t -> Double.parseDouble(t[1])));
        for (String[] t : tasks) {
            try {
                Thread.sleep(Math.round(Double.parseDouble(t[1]) * 1000));
            } catch (InterruptedException e) {
                return;
            }
            System.out.println(t[0] + " finished after " + t[1] + "s");
        }
    }

    public static void main(String[] args) {
        runAll(List.of(args));
    }
}
