/** Wrong on purpose: prints the example run's output at the right moments without running any worker. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("slow started");
        System.out.println("quick started");
        Thread.sleep(1000);
        System.out.println("quick finished");
        System.out.println("quick cleaned up");
        Thread.sleep(2000);
        System.out.println("Cancelling after 3s");
        System.out.println("slow cancelled");
        System.out.println("slow cleaned up");
        System.out.println("Done: 1 finished, 1 cancelled");
    }
}
