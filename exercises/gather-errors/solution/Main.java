import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {

    // One task: waits n x 200 ms, then fails if n is the failing number, else returns n x 10.
    static int mightFail(int n, int fail) {
        try {
            Thread.sleep(n * 200L);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
        if (n == fail) {
            throw new IllegalArgumentException("Failed on " + n);
        }
        return n * 10;
    }

    // Runs mightFail for every n at the same time and returns one result per n, in argument
    // order: the Integer, or the exception the task failed with.
    static List<Object> gather(List<Integer> ns, int fail) {
        // BEGIN SOLUTION
        // STARTER: return new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Object>> tasks = new ArrayList<>();
            for (int n : ns) {
                tasks.add(CompletableFuture
                        .supplyAsync(() -> mightFail(n, fail), executor)
                        .handle((value, error) -> error == null ? value : unwrap(error)));
            }
            List<Object> results = new ArrayList<>();
            for (CompletableFuture<Object> task : tasks) {
                results.add(task.join());   // never throws: handle() turned failures into values
            }
            return results;
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    // STARTER: // (room for helper methods, if you need any)
    // supplyAsync wraps what the task threw in a CompletionException: show the real exception.
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
    // END SOLUTION

    public static void main(String[] args) {
        int fail = Integer.parseInt(args[0]);
        List<Integer> ns = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            ns.add(Integer.parseInt(args[i]));
        }
        System.out.println("Gathering " + ns.size() + " tasks");
        System.out.println(gather(ns, fail));
    }
}
