// Mistake: runs the tasks one after another, so each waits for the previous one.
public class Main {

    static void task(String name, String seconds) {
        System.out.println(name + " started");
        try {
            Thread.sleep(Math.round(Double.parseDouble(seconds) * 1000));
        } catch (InterruptedException e) {
            return;
        }
        System.out.println(name + " finished after " + seconds + "s");
    }

    public static void main(String[] args) {
        for (String arg : args) {
            String[] t = arg.split(":", 2);
            task(t[0], t[1]);
        }
    }
}
