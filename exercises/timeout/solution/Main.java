import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

public class Main {

    // The slow operation: waits, then returns its result.
    static String slowOperation(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "finally done";
    }

    static long toMillis(String seconds) {
        return Math.round(Double.parseDouble(seconds) * 1000);
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        long opMillis = toMillis(args[0]);
        String timeoutSeconds = args[1];
        long timeoutMillis = toMillis(timeoutSeconds);
        System.out.println("Waiting up to " + timeoutSeconds + "s");

        // BEGIN SOLUTION
        // STARTER: System.out.println(slowOperation(opMillis)); // waits as long as it takes: add the timeout
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Future<String> operation = executor.submit(() -> slowOperation(opMillis));
        try {
            System.out.println(operation.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            operation.cancel(true);   // interrupts the sleeping operation
            System.out.println("Operation timed out after " + timeoutSeconds + " seconds");
        } finally {
            executor.shutdownNow();   // nothing may keep running after main is done
        }
        // END SOLUTION
    }
}
