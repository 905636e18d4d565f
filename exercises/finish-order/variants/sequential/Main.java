import java.util.List;

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

    static void runAll(List<String> arguments) {
        for (String arg : arguments) {
            String[] t = arg.split(":", 2);
            task(t[0], t[1]);
        }
    }

    public static void main(String[] args) {
        runAll(List.of(args));
    }
}
