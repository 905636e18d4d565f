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
        // Wrong on purpose: the interrupt is caught and ignored, and the worker simply sleeps on until
        // its time is up, so cancelling it has no effect.
        long end = System.nanoTime() + (long) (seconds * 1e9);
        try {
            while (System.nanoTime() < end) {
                try {
                    Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    // ignored
                }
            }
            System.out.println(name + " finished");
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
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                double workerSeconds = seconds.get(i);
                workers.add(executor.submit(() -> worker(name, workerSeconds)));
            }

            Thread.sleep((long) (Double.parseDouble(after) * 1000));
            System.out.println("Cancelling after " + after + "s");
            for (Future<?> w : workers) {
                if (w.cancel(true)) {
                    cancelled++;
                } else {
                    finished++;
                }
            }
        } // close() waits until every worker, cancelled or not, has run its cleanup
        System.out.println("Done: " + finished + " finished, " + cancelled + " cancelled");
    }
}
