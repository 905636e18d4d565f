// Sequential: each task waits before the next one starts.
public class Main {
    public static void main(String[] args) throws InterruptedException {
        for (String arg : args) {
            String[] t = arg.split(":");
            System.out.println(t[0] + " started");
            Thread.sleep((long) (Double.parseDouble(t[1]) * 1000));
            System.out.println(t[0] + " finished after " + t[1] + "s");
        }
    }
}
