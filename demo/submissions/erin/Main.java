// Crashes: parses the whole "A:3" argument as a number.
public class Main {
    public static void main(String[] args) throws InterruptedException {
        for (String arg : args) {
            System.out.println(arg + " started");
            Thread.sleep((long) (Double.parseDouble(arg) * 1000));
        }
    }
}
