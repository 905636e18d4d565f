// Mistake: runs the tasks one after another (never more than one at once, far below the limit).
public class Main {
    public static void main(String[] args) throws InterruptedException {
        int tasks = Integer.parseInt(args[0]);
        long millis = Long.parseLong(args[2]);
        for (int i = 1; i <= tasks; i++) {
            System.out.println("start " + i);
            Thread.sleep(millis);
            System.out.println("end " + i);
        }
        System.out.println("Done: " + tasks + " tasks");
    }
}
