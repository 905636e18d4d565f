import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CPU-bound work: the jobs do not wait for anything, they compute. Running them "asynchronously" on
 * one thread does not make them any faster; they need real threads running in parallel, and more
 * threads than CPUs do not help either.
 *
 * <p>Usage: {@code java Main <name>:<millions> ...}, e.g. {@code java Main A:12 B:6 C:9 D:3 E:12 F:6}
 */
public class Main {

    /**
     * One CPU-heavy job: counts the numbers from 1 to {@code millions} million that have no factor in
     * common with 30, the slow way (Euclid's algorithm for every number). Prints "start NAME" before
     * and "done NAME: COUNT" after the computation, and returns the count.
     */
    static long job(String name, int millions) {
        System.out.println("start " + name);
        long n = millions * 1_000_000L;
        long count = 0;
        for (long i = 1; i <= n; i++) {
            if (gcd(i, 30) == 1) {
                count++;
            }
        }
        System.out.println("done " + name + ": " + count);
        return count;
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            String[] parts = arg.split(":");
            names.add(parts[0]);
            sizes.add(Integer.parseInt(parts[1]));
        }

        long total = 0;
        // BEGIN SOLUTION
        // STARTER: // TODO: print "Using N worker threads", run the jobs on N threads (N = the number of CPUs)
        // STARTER: // and add up their counts
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.println("Using " + threads + " worker threads");
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Long>> counts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                int millions = sizes.get(i);
                counts.add(pool.submit(() -> job(name, millions)));
            }
            for (Future<Long> count : counts) {
                total += count.get();
            }
        }
        // END SOLUTION
        System.out.println("Total: " + total);
    }
}
