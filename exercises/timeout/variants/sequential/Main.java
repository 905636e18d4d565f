// Mistake: runs the operation on the main thread and checks the time afterwards, so the
// program always waits for the whole operation before it decides.
public class Main {
    public static void main(String[] args) throws InterruptedException {
        long opMillis = Math.round(Double.parseDouble(args[0]) * 1000);
        long timeoutMillis = Math.round(Double.parseDouble(args[1]) * 1000);
        System.out.println("Waiting up to " + args[1] + "s");
        long start = System.nanoTime();
        Thread.sleep(opMillis);
        String result = "finally done";
        if ((System.nanoTime() - start) / 1_000_000 > timeoutMillis) {
            System.out.println("Operation timed out after " + args[1] + " seconds");
        } else {
            System.out.println(result);
        }
    }
}
