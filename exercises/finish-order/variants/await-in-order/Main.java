import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

// Mistake: the tasks wait concurrently, but runAll prints the "finished" lines itself while
// waiting for the tasks in argument order, so a short task is reported only after the long
// ones before it.
public class Main {

    static void runAll(List<String> arguments) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> futures = new ArrayList<>();
            for (String arg : arguments) {
                String[] t = arg.split(":", 2);
                futures.add(executor.submit(() -> {
                    System.out.println(t[0] + " started");
                    Thread.sleep(Math.round(Double.parseDouble(t[1]) * 1000));
                    return t[0] + " finished after " + t[1] + "s";
                }));
            }
            for (Future<String> f : futures) {
                System.out.println(f.get());
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        runAll(List.of(args));
    }
}
