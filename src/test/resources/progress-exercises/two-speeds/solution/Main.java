public class Main {
    public static void main(String[] args) throws InterruptedException {
        System.out.println("hello");
        // BEGIN SOLUTION
        Thread.sleep(Long.parseLong(args[0]));
        // END SOLUTION
        System.out.println("bye after " + args[0] + " ms");
    }
}
