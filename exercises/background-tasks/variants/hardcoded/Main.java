/** Wrong on purpose: prints the example run's output at the right moments without running any job. */
public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("Task A started in background");
        System.out.println("Task B started in background");
        System.out.println("Tasks are running in background...");
        System.out.println("Doing other work here...");
        Thread.sleep(1000);
        System.out.println("Other work done");
        Thread.sleep(1000);
        System.out.println("Task A complete");
        System.out.println("Task B complete");
    }
}
