import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

// Mistake: the timeout works, but the operation is never cancelled, and the try-with-resources
// block's close() waits for it to finish: the program ends only when the operation does.
public class Main {
    public static void main(String[] args) throws Exception {
        long opMillis = Math.round(Double.parseDouble(args[0]) * 1000);
        long timeoutMillis = Math.round(Double.parseDouble(args[1]) * 1000);
        System.out.println("Waiting up to " + args[1] + "s");
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<String> operation = executor.submit(() -> {
                Thread.sleep(opMillis);
                return "finally done";
            });
            try {
                System.out.println(operation.get(timeoutMillis, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                System.out.println("Operation timed out after " + args[1] + " seconds");
            }
        }
    }
}
