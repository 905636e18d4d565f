import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

// Mistake: sleeps for the whole timeout and only then looks whether the operation is done, so a
// quick operation's result is printed only when the timeout is over.
public class Main {
    public static void main(String[] args) throws Exception {
        long opMillis = Math.round(Double.parseDouble(args[0]) * 1000);
        long timeoutMillis = Math.round(Double.parseDouble(args[1]) * 1000);
        System.out.println("Waiting up to " + args[1] + "s");
        CompletableFuture<String> operation = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(opMillis);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return "finally done";
        }, Executors.newVirtualThreadPerTaskExecutor());
        Thread.sleep(timeoutMillis);
        if (operation.isDone()) {
            System.out.println(operation.join());
        } else {
            operation.cancel(true);
            System.out.println("Operation timed out after " + args[1] + " seconds");
        }
    }
}
