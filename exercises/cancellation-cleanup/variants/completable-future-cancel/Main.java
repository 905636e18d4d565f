import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Cancellation with cleanup: start all workers, wait a while, cancel the workers that are still
 * running, and let every worker clean up after itself before the program ends.
 *
 * <p>Usage: {@code java Main <cancel-after-seconds> <name>:<seconds> ...}, e.g. {@code java Main 3 slow:10 quick:1}
 */
public class Main {

    /**
     * One worker: prints "NAME started", works for {@code seconds}, then prints "NAME finished". If it is
     * cancelled (interrupted) while working it prints "NAME cancelled" instead. Either way it ends with
     * "NAME cleaned up".
     */
    static void worker(String name, double seconds) {
        System.out.println(name + " started");
        try {
            Thread.sleep((long) (seconds * 1000));
            System.out.println(name + " finished");
        } catch (InterruptedException e) {
            System.out.println(name + " cancelled");
        } finally {
            System.out.println(name + " cleaned up");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        String after = args[0];
        List<String> names = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split(":");
            names.add(parts[0]);
            seconds.add(Double.parseDouble(parts[1]));
        }

        int finished = 0;
        int cancelled = 0;
        // Wrong on purpose: CompletableFuture.cancel(true) marks the future as cancelled but does not
        // interrupt the thread running the worker, so the worker runs on to its end.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                double workerSeconds = seconds.get(i);
                workers.add(java.util.concurrent.CompletableFuture.runAsync(() -> worker(name, workerSeconds), executor));
            }

            Thread.sleep((long) (Double.parseDouble(after) * 1000));
            System.out.println("Cancelling after " + after + "s");
            for (java.util.concurrent.CompletableFuture<Void> w : workers) {
                if (w.cancel(true)) {
                    cancelled++;
                } else {
                    finished++;
                }
            }
        }
        System.out.println("Done: " + finished + " finished, " + cancelled + " cancelled");
    }
}
